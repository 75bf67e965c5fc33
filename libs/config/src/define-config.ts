/**
 * Typed, validated configuration, read once from the environment at boot.
 *
 * `defineConfig(spec)` returns a loader; `load(env)` parses every variable, reports all
 * errors together in one {@link ConfigError}, and returns a frozen object. This module is
 * the only place in the services that reads `process.env`.
 */
export interface Field<T> {
  readonly help: string;
  readonly sensitive?: boolean;
  /** Parse the raw value (undefined when unset); throw an Error with a short reason. */
  parse(raw: string | undefined, env: Readonly<Record<string, string | undefined>>): T;
}

export type ConfigSpec = Record<string, Field<unknown>>;
export type ConfigOf<S extends ConfigSpec> = { readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigLoader<S extends ConfigSpec> {
  readonly spec: S;
  /** Parse from `env` (defaults to process.env). Throws ConfigError listing every problem. */
  load(env?: Readonly<Record<string, string | undefined>>): ConfigOf<S>;
  /** Build from explicit values (tests): unset keys take their defaults. */
  from(values: Partial<Record<keyof S, string>>): ConfigOf<S>;
  /** A printable description of every variable, with help text. */
  describe(): string;
}

export function defineConfig<S extends ConfigSpec>(spec: S): ConfigLoader<S> {
  const load = (env: Readonly<Record<string, string | undefined>>): ConfigOf<S> => {
    const problems: string[] = [];
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(spec)) {
      const raw = env[key];
      try {
        out[key] = field.parse(raw === '' ? undefined : raw, env);
      } catch (err) {
        const shown = field.sensitive || raw === undefined ? '' : `=${JSON.stringify(raw)}`;
        problems.push(`${key}${shown}: ${(err as Error).message}`);
      }
    }
    if (problems.length > 0) {
      throw new ConfigError(problems);
    }
    return Object.freeze(out) as ConfigOf<S>;
  };
  return {
    spec,
    load: (env = process.env) => load(env),
    from: (values) => load(values),
    describe: () =>
      Object.entries(spec)
        .map(([key, field]) => `${key}\t${field.help}`)
        .join('\n'),
  };
}
