import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTION_RULES, PowerState, refusalOf, statesForStatus, statusOf, syncedVmState, TaskState, VmState } from './server-state.js';

test("status follows Nova's state map", () => {
  assert.equal(statusOf('building', 'scheduling'), 'BUILD');
  assert.equal(statusOf('active', null), 'ACTIVE');
  assert.equal(statusOf('active', 'rebooting'), 'REBOOT');
  assert.equal(statusOf('active', 'rebooting_hard'), 'HARD_REBOOT');
  assert.equal(statusOf('active', 'powering-off'), 'ACTIVE');
  assert.equal(statusOf('stopped', null), 'SHUTOFF');
  assert.equal(statusOf('paused', null), 'PAUSED');
  assert.equal(statusOf('suspended', null), 'SUSPENDED');
  assert.equal(statusOf('error', null), 'ERROR');
  assert.equal(statusOf('deleted', null), 'DELETED');
  assert.equal(statusOf('nonsense', null), 'UNKNOWN');
});

test('a status filter maps back to vm and task states', () => {
  assert.deepEqual(statesForStatus('ACTIVE'), { vmStates: ['active'] });
  assert.deepEqual(statesForStatus('shutoff'), { vmStates: ['stopped'] });
  const reboot = statesForStatus('REBOOT');
  assert.deepEqual(reboot?.vmStates, ['active']);
  assert.deepEqual(reboot?.taskStates?.sort(), ['reboot_pending', 'reboot_started', 'rebooting']);
  assert.equal(statesForStatus('bogus'), undefined);
});

test('actions name the state that refuses them, as Nova words it', () => {
  assert.equal(refusalOf(ACTION_RULES.stop, 'x', 'stopped', null), "Cannot 'stop' instance x while it is in vm_state stopped");
  assert.equal(refusalOf(ACTION_RULES.start, 'x', 'stopped', 'powering-on'), "Cannot 'start' instance x while it is in task_state powering-on");
  assert.equal(refusalOf(ACTION_RULES.start, 'x', 'stopped', null), undefined);
  assert.equal(refusalOf(ACTION_RULES.reboot_hard, 'x', 'active', 'rebooting'), undefined, 'a hard reboot overrides a soft one');
  assert.ok(refusalOf(ACTION_RULES.reboot, 'x', 'active', 'rebooting'));
  assert.equal(refusalOf(ACTION_RULES.createImage, 'x', 'paused', null), undefined);
});

test('every action moves into a task state and names its event', () => {
  for (const [name, rule] of Object.entries(ACTION_RULES)) {
    assert.ok(Object.values(TaskState).includes(rule.task), name);
    assert.match(rule.event, /^compute_/);
  }
  assert.deepEqual(ACTION_RULES.suspend.done, { vmState: VmState.SUSPENDED, powerState: PowerState.SHUTDOWN });
});

test('power sync: a dead guest stops an active server; a running one wakes a stopped one', () => {
  assert.equal(syncedVmState('active', PowerState.SHUTDOWN), 'stopped');
  assert.equal(syncedVmState('active', PowerState.CRASHED), 'stopped');
  assert.equal(syncedVmState('active', PowerState.NOSTATE), 'stopped');
  assert.equal(syncedVmState('active', PowerState.RUNNING), undefined);
  assert.equal(syncedVmState('active', PowerState.PAUSED), 'paused');
  assert.equal(syncedVmState('stopped', PowerState.RUNNING), 'active');
  assert.equal(syncedVmState('suspended', PowerState.SHUTDOWN), undefined, 'a suspended guest is saved, not running');
  assert.equal(syncedVmState('paused', PowerState.RUNNING), 'active');
  assert.equal(syncedVmState('building', PowerState.SHUTDOWN), undefined);
  assert.equal(syncedVmState('error', PowerState.RUNNING), undefined);
});
