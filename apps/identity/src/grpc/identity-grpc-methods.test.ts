// Small test: the per-resource controllers together serve every RPC of IdentityService, each
// exactly once (a method left out would answer UNIMPLEMENTED; one served twice is ambiguous).
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identityV1 } from '@tinystack/contracts';
import { AppCredentialsGrpcController } from './app-credentials.grpc-controller.js';
import { GroupsGrpcController } from './groups.grpc-controller.js';
import { IdentityGrpcController } from './identity.grpc-controller.js';
import { ProjectsGrpcController } from './projects.grpc-controller.js';
import { RolesGrpcController } from './roles.grpc-controller.js';
import { UsersGrpcController } from './users.grpc-controller.js';

const CONTROLLERS = [
  IdentityGrpcController,
  UsersGrpcController,
  ProjectsGrpcController,
  GroupsGrpcController,
  RolesGrpcController,
  AppCredentialsGrpcController,
];

test('every IdentityService RPC has exactly one gRPC handler', () => {
  const served = new Map<string, string[]>();
  for (const c of CONTROLLERS) {
    const proto = c.prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = proto[name];
      const pattern: unknown =
        typeof fn === 'function' ? Reflect.getMetadata('microservices:pattern', fn) : undefined;
      if (pattern !== undefined) {
        served.set(name, [...(served.get(name) ?? []), c.name]);
      }
    }
  }
  const rpcs = Object.keys(identityV1.IdentityServiceDefinition.methods).sort();
  assert.deepEqual([...served.keys()].sort(), rpcs);
  for (const [rpc, by] of served) {
    assert.equal(by.length, 1, `${rpc} is served by ${by.join(', ')}`);
  }
});
