import { GrpcMethod } from '@nestjs/microservices';
import type { identityV1 } from '@tinystack/contracts';

export type IdentityRpc = keyof identityV1.IdentityServiceController;

/** The part of the generated controller interface a class implements. */
export type IdentityRpcs<K extends IdentityRpc> = Pick<identityV1.IdentityServiceController, K>;

/**
 * The generated `IdentityServiceControllerMethods()` for a part of the service: the same
 * `GrpcMethod('IdentityService', name)` registration, for the named methods only, so the
 * contract is served by one controller per resource (tokens, users, projects, groups, roles,
 * application credentials) instead of one class of 40 methods. `identity-grpc-methods.test.ts`
 * checks that the controllers together cover every RPC of the definition exactly once.
 */
export function IdentityGrpcMethods(...methods: IdentityRpc[]): ClassDecorator {
  return (constructor) => {
    const proto = constructor.prototype as Record<string, unknown>;
    for (const method of methods) {
      const descriptor = Reflect.getOwnPropertyDescriptor(proto, method);
      if (!descriptor) {
        throw new Error(`${constructor.name} has no method ${method}`);
      }
      GrpcMethod('IdentityService', method)(proto, method, descriptor);
      Object.defineProperty(proto, method, descriptor);
    }
  };
}
