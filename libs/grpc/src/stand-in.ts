import { ServerError, Status, type ServiceImplementation, type TsProtoServiceDefinition } from 'nice-grpc';

/**
 * A full implementation of `definition` for tests' stand-ins: the methods given, and
 * every other method answering UNIMPLEMENTED. A stand-in thus keeps working when its
 * contract gains methods it does not need.
 */
export function withUnimplemented<D extends TsProtoServiceDefinition>(definition: D, impl: Partial<ServiceImplementation<D>>): ServiceImplementation<D> {
  const full: Record<string, unknown> = { ...impl };
  for (const [name, method] of Object.entries(definition.methods as Record<string, { responseStream: boolean }>)) {
    if (full[name] !== undefined) {
      continue;
    }
    const error = () => new ServerError(Status.UNIMPLEMENTED, `${definition.fullName}.${name} is not in this stand-in`);
    full[name] = method.responseStream
      ? // A stream that fails before its first message.
        async function* () {
          yield* [];
          await Promise.reject(error());
        }
      : () => Promise.reject(error());
  }
  return full as ServiceImplementation<D>;
}
