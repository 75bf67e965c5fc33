// Medium test: libs/auth inside a real Nest REST app, against a real gRPC server on
// 127.0.0.1 that serves identity's contract (keys, revocation stream, authenticate).
// The server is a stand-in for apps/identity because a lib cannot depend on an app; the
// whole-cloud e2e suite runs the same code against the real identity service.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Controller, Get, Module, type INestApplication, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GrpcMethod } from '@nestjs/microservices';
import { Subject, type Observable } from 'rxjs';
import type { identityV1 } from '@tinystack/contracts';
import { createHttpApp, HealthModule, keystoneErrorShape } from '@tinystack/http';
import { grpcServerOptions } from '@tinystack/grpc';
import { freePort } from '@tinystack/testing';
import { AuthModule } from './auth.module.js';
import { Caller, Public, RequireRole } from './decorators.js';
import { makeTestSigner } from './test-keys.js';
import type { AuthContext } from './token-claims.js';

const signer = makeTestSigner();
const events = new Subject<identityV1.WatchRevocationsResponse>();
const seenTokens: string[] = [];

@Controller()
class FakeIdentityGrpc {
  @GrpcMethod('IdentityService', 'ListSigningKeys')
  listSigningKeys(): identityV1.ListSigningKeysResponse {
    return { keys: [{ kid: signer.kid, algorithm: 'ES256', publicKeyPem: signer.publicPem, createdAt: 0 }], notBefore: 0 };
  }

  @GrpcMethod('IdentityService', 'Authenticate')
  authenticate(req: identityV1.AuthenticateRequest): identityV1.AuthenticateResponse {
    assert.equal(req.userName, 'object-store');
    const { token } = signer.sign({ userName: 'object-store', roles: [{ id: 'a', name: 'admin' }] });
    return { token };
  }

  @GrpcMethod('IdentityService', 'WatchRevocations')
  watchRevocations(_req: unknown, metadata: { get(k: string): unknown[] }): Observable<identityV1.WatchRevocationsResponse> {
    seenTokens.push(String(metadata.get('x-auth-token')[0]));
    return events.asObservable();
  }
}

@Module({ controllers: [FakeIdentityGrpc] })
class FakeIdentityModule {}

@Controller()
class ProbeController {
  @Get('open')
  @Public()
  open(@Caller() caller: AuthContext | undefined) {
    return { user: caller?.userId ?? null };
  }

  @Get('me')
  me(@Caller() caller: AuthContext) {
    return { user: caller.userId, project: caller.projectId };
  }

  @Get('admin-only')
  @RequireRole('admin')
  adminOnly() {
    return { ok: true };
  }
}

let grpcServer: INestMicroservice;
let app: INestApplication;
let base: string;

before(async () => {
  const grpcPort = await freePort();
  grpcServer = await NestFactory.createMicroservice(FakeIdentityModule, {
    ...grpcServerOptions(['identity'], `127.0.0.1:${grpcPort}`),
    logger: false,
  });
  await grpcServer.listen();

  @Module({
    imports: [
      HealthModule.forRoot(),
      AuthModule.forRoot({
        identityGrpcUrl: `127.0.0.1:${grpcPort}`,
        serviceUser: { name: 'object-store', password: 'secret' },
      }),
    ],
    controllers: [ProbeController],
  })
  class ProbeAppModule {}

  app = await createHttpApp(ProbeAppModule, { errorShape: keystoneErrorShape, jsonLimit: '16kb' });
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
});

after(async () => {
  await app?.close();
  await grpcServer?.close();
});

const get = (path: string, token?: string) => fetch(base + path, { headers: token ? { 'X-Auth-Token': token } : {} });

test('a route without @Public needs a token, and errors take the Keystone shape', async () => {
  const res = await get('/me');
  assert.equal(res.status, 401);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.match(res.headers.get('x-openstack-request-id') ?? '', /^req-/);
  const body = (await res.json()) as { error: { code: number; title: string } };
  assert.equal(body.error.code, 401);
  assert.equal(body.error.title, 'Unauthorized');
  const bad = await get('/me', 'garbage');
  assert.equal(bad.status, 401);
});

test('a valid token reaches the route with the caller decoded; @Public works without one', async () => {
  const { token } = signer.sign({ userId: 'user-42', projectId: 'proj-7' });
  const res = await get('/me', token);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { user: 'user-42', project: 'proj-7' });
  assert.deepEqual(await (await get('/open')).json(), { user: null });
  assert.deepEqual(await (await get('/open', token)).json(), { user: 'user-42' });
});

test('@RequireRole refuses a member and admits an admin', async () => {
  assert.equal((await get('/admin-only', signer.sign().token)).status, 403);
  const admin = signer.sign({ roles: [{ id: 'a', name: 'admin' }] });
  assert.equal((await get('/admin-only', admin.token)).status, 200);
});

test('a revocation streamed by identity is enforced within a second, using the service token', async () => {
  const { token, ctx } = signer.sign();
  assert.equal((await get('/me', token)).status, 200);
  events.next({
    event: {
      id: 1,
      userId: '',
      projectId: '',
      domainId: '',
      applicationCredentialId: '',
      auditId: ctx.auditIds[0] ?? '',
      issuedBefore: Date.now(),
      expiresAt: ctx.expiresAt,
    },
  });
  const deadline = Date.now() + 1000;
  let status = 200;
  while (Date.now() < deadline && status === 200) {
    status = (await get('/me', token)).status;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(status, 401);
  assert.ok(seenTokens.length > 0, 'the watcher subscribed');
  assert.ok(seenTokens.every((t) => t.split('.').length === 3), 'with a service token');
  const fresh = signer.sign({ userId: ctx.userId });
  assert.equal((await get('/me', fresh.token)).status, 200, 'other tokens of the user stay valid');
});

test('health reports identity reachable', async () => {
  const res = await get('/healthz');
  assert.equal(res.status, 503, 'not ready until the app marks itself ready');
  const body = (await res.json()) as { checks: Record<string, string> };
  assert.equal(body.checks['identity'], 'ok');
});
