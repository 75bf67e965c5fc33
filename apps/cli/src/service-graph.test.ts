import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependencyOrder, startPlan, stopOrder, withDependencies } from './service-graph.js';
import { SERVICES, type ServiceDefinition, type ServiceName } from './services.js';

const def = (name: string, dependsOn: string[] = []): ServiceDefinition => ({
  name: name as ServiceName,
  entry: `apps/${name}/dist/main.js`,
  dependsOn: dependsOn as ServiceName[],
  env: () => ({}),
});
const names = (defs: readonly ServiceDefinition[]) => defs.map((d) => d.name);

test('every service starts after all of its dependencies', () => {
  const order = names(dependencyOrder(SERVICES));
  assert.equal(order.length, SERVICES.length);
  for (const svc of SERVICES) {
    for (const dep of svc.dependsOn) {
      assert.ok(order.indexOf(dep) < order.indexOf(svc.name), `${dep} before ${svc.name}`);
    }
  }
  assert.equal(order[0], 'identity');
});

test('dependencies listed after their dependents are still started first', () => {
  const order = names(dependencyOrder([def('c', ['b']), def('a'), def('b', ['a'])]));
  assert.deepEqual(order, ['a', 'b', 'c']);
});

test('independent services keep registry order', () => {
  assert.deepEqual(names(dependencyOrder([def('z'), def('y'), def('x')])), ['z', 'y', 'x']);
});

test('a cycle is reported with the services in it', () => {
  assert.throws(
    () => dependencyOrder([def('a'), def('b', ['c']), def('c', ['b'])]),
    /cycle among: b, c/,
  );
});

test('an unknown dependency is reported', () => {
  assert.throws(() => dependencyOrder([def('a', ['nope'])]), /a depends on unknown service nope/);
});

test('startPlan skips, with a warning, a built service whose dependency is not built', () => {
  const built = new Set(['identity', 'image', 'compute']);
  const plan = startPlan(SERVICES, (d) => built.has(d.name));
  assert.deepEqual(names(plan.order), ['identity']);
  assert.deepEqual(plan.warnings, [
    'not starting image: it needs object-store, which will not run (not built)',
    'not starting compute: it needs image, which will not run (not built)',
  ]);
});

test('startPlan with everything built starts everything', () => {
  assert.deepEqual(names(startPlan(SERVICES, () => true).order), names(dependencyOrder(SERVICES)));
  assert.deepEqual(startPlan(SERVICES, () => true).warnings, []);
});

test('startPlan with only identity built starts identity alone, without warnings', () => {
  const plan = startPlan(SERVICES, (d) => d.name === 'identity');
  assert.deepEqual(names(plan.order), ['identity']);
  assert.deepEqual(plan.warnings, []);
});

test('stopOrder reverses the start order without touching it', () => {
  const started = ['identity', 'object-store', 'image'];
  assert.deepEqual(stopOrder(started), ['image', 'object-store', 'identity']);
  assert.deepEqual(started, ['identity', 'object-store', 'image']);
});

test('withDependencies adds what the services need, transitively', () => {
  assert.deepEqual([...withDependencies(SERVICES, ['image'])].sort(), [
    'identity',
    'image',
    'object-store',
  ]);
  assert.deepEqual([...withDependencies(SERVICES, ['identity'])], ['identity']);
});

test('startPlan with `only` starts those and their built dependencies, nothing else', () => {
  const all = () => true;
  assert.deepEqual(names(startPlan(SERVICES, all, ['image']).order), [
    'identity',
    'object-store',
    'image',
  ]);
  assert.deepEqual(names(startPlan(SERVICES, all, ['identity']).order), ['identity']);
  const plan = startPlan(SERVICES, (d) => d.name === 'identity', ['identity', 'compute']);
  assert.deepEqual(names(plan.order), ['identity']);
  assert.deepEqual(plan.warnings, ['compute was asked for (TINYSTACK_SERVICES) but is not built']);
});
