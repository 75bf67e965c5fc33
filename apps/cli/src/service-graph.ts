import type { ServiceDefinition, ServiceName } from './services.js';

export interface StartPlan {
  /** The services to start, each after everything it depends on. */
  readonly order: readonly ServiceDefinition[];
  /** Built services left out because something they need will not run (one line each). */
  readonly warnings: readonly string[];
}

/**
 * Dependency order of the whole registry (Kahn's algorithm; ties keep registry order).
 * Throws when an entry depends on an unknown service or the dependencies form a cycle.
 */
export function dependencyOrder(registry: readonly ServiceDefinition[]): ServiceDefinition[] {
  const byName = new Map(registry.map((d) => [d.name, d]));
  for (const def of registry) {
    for (const dep of def.dependsOn) {
      if (!byName.has(dep)) {
        throw new Error(`service ${def.name} depends on unknown service ${dep}`);
      }
    }
  }
  const order: ServiceDefinition[] = [];
  const placed = new Set<ServiceName>();
  while (order.length < registry.length) {
    const next = registry.find(
      (d) => !placed.has(d.name) && d.dependsOn.every((dep) => placed.has(dep)),
    );
    if (!next) {
      const stuck = registry.filter((d) => !placed.has(d.name)).map((d) => d.name);
      throw new Error(`service dependencies form a cycle among: ${stuck.join(', ')}`);
    }
    order.push(next);
    placed.add(next.name);
  }
  return order;
}

/** `names` and everything they depend on, directly or not. */
export function withDependencies(
  registry: readonly ServiceDefinition[],
  names: readonly ServiceName[],
): Set<ServiceName> {
  const byName = new Map(registry.map((d) => [d.name, d]));
  const out = new Set<ServiceName>();
  const visit = (name: ServiceName) => {
    if (!out.has(name)) {
      out.add(name);
      byName.get(name)?.dependsOn.forEach(visit);
    }
  };
  names.forEach(visit);
  return out;
}

/**
 * What `up` starts: the built services (isBuilt says which), in dependency order; with
 * `only`, just those and their dependencies. A service whose dependency will not run (not
 * built, or itself skipped) is skipped too, with a warning: it could never become healthy,
 * and the rest of the cloud is more use than no cloud.
 */
export function startPlan(
  registry: readonly ServiceDefinition[],
  isBuilt: (def: ServiceDefinition) => boolean,
  only?: readonly ServiceName[],
): StartPlan {
  const wanted = only ? withDependencies(registry, only) : null;
  const order: ServiceDefinition[] = [];
  const warnings: string[] = [];
  const starting = new Set<ServiceName>();
  for (const def of dependencyOrder(registry)) {
    if (wanted && !wanted.has(def.name)) {
      continue;
    }
    if (!isBuilt(def)) {
      if (only?.includes(def.name)) {
        warnings.push(`${def.name} was asked for (TINYSTACK_SERVICES) but is not built`);
      }
      continue;
    }
    const missing = def.dependsOn.filter((dep) => !starting.has(dep));
    if (missing.length > 0) {
      warnings.push(
        `not starting ${def.name}: it needs ${missing.join(', ')}, which will not run (not built)`,
      );
      continue;
    }
    order.push(def);
    starting.add(def.name);
  }
  return { order, warnings };
}

/** The order to stop a started set in: dependents first. */
export function stopOrder<T>(startedInOrder: readonly T[]): T[] {
  return [...startedInOrder].reverse();
}
