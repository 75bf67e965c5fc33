/**
 * The server state machine, in one place: Nova's vm_state / task_state / power_state, the
 * API status derived from them, and what each action requires and leads to.
 */
export const VmState = {
  ACTIVE: 'active',
  BUILDING: 'building',
  PAUSED: 'paused',
  SUSPENDED: 'suspended',
  STOPPED: 'stopped',
  RESCUED: 'rescued',
  RESIZED: 'resized',
  SOFT_DELETED: 'soft-delete',
  DELETED: 'deleted',
  ERROR: 'error',
  SHELVED: 'shelved',
  SHELVED_OFFLOADED: 'shelved_offloaded',
} as const;
export type VmState = (typeof VmState)[keyof typeof VmState];

export const TaskState = {
  SCHEDULING: 'scheduling',
  BLOCK_DEVICE_MAPPING: 'block_device_mapping',
  NETWORKING: 'networking',
  SPAWNING: 'spawning',
  IMAGE_SNAPSHOT: 'image_snapshot',
  IMAGE_SNAPSHOT_PENDING: 'image_snapshot_pending',
  IMAGE_PENDING_UPLOAD: 'image_pending_upload',
  IMAGE_UPLOADING: 'image_uploading',
  REBOOTING: 'rebooting',
  REBOOT_PENDING: 'reboot_pending',
  REBOOT_STARTED: 'reboot_started',
  REBOOTING_HARD: 'rebooting_hard',
  REBOOT_PENDING_HARD: 'reboot_pending_hard',
  REBOOT_STARTED_HARD: 'reboot_started_hard',
  PAUSING: 'pausing',
  UNPAUSING: 'unpausing',
  SUSPENDING: 'suspending',
  RESUMING: 'resuming',
  POWERING_OFF: 'powering-off',
  POWERING_ON: 'powering-on',
  DELETING: 'deleting',
} as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

/** Nova's power_state integers (nova/compute/power_state.py). */
export const PowerState = {
  NOSTATE: 0,
  RUNNING: 1,
  PAUSED: 3,
  SHUTDOWN: 4,
  CRASHED: 6,
  SUSPENDED: 7,
} as const;
export type PowerState = (typeof PowerState)[keyof typeof PowerState];

const REBOOT_SOFT = [TaskState.REBOOTING, TaskState.REBOOT_PENDING, TaskState.REBOOT_STARTED];
const REBOOT_HARD = [TaskState.REBOOTING_HARD, TaskState.REBOOT_PENDING_HARD, TaskState.REBOOT_STARTED_HARD];

/** Nova's _STATE_MAP (nova/api/openstack/common.py), for the states tinystack reaches and the rest. */
const STATE_MAP: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [VmState.ACTIVE]: {
    default: 'ACTIVE',
    ...Object.fromEntries(REBOOT_SOFT.map((t) => [t, 'REBOOT'])),
    ...Object.fromEntries(REBOOT_HARD.map((t) => [t, 'HARD_REBOOT'])),
    updating_password: 'PASSWORD',
    rebuilding: 'REBUILD',
    rebuild_block_device_mapping: 'REBUILD',
    rebuild_spawning: 'REBUILD',
    migrating: 'MIGRATING',
    resize_prep: 'RESIZE',
    resize_migrating: 'RESIZE',
    resize_migrated: 'RESIZE',
    resize_finish: 'RESIZE',
  },
  [VmState.BUILDING]: { default: 'BUILD' },
  [VmState.STOPPED]: {
    default: 'SHUTOFF',
    resize_prep: 'RESIZE',
    resize_migrating: 'RESIZE',
    resize_migrated: 'RESIZE',
    resize_finish: 'RESIZE',
    rebuilding: 'REBUILD',
    rebuild_block_device_mapping: 'REBUILD',
    rebuild_spawning: 'REBUILD',
  },
  [VmState.RESIZED]: { default: 'VERIFY_RESIZE', resize_reverting: 'REVERT_RESIZE' },
  [VmState.PAUSED]: { default: 'PAUSED', migrating: 'MIGRATING' },
  [VmState.SUSPENDED]: { default: 'SUSPENDED' },
  [VmState.RESCUED]: { default: 'RESCUE' },
  [VmState.ERROR]: {
    default: 'ERROR',
    rebuilding: 'REBUILD',
    rebuild_block_device_mapping: 'REBUILD',
    rebuild_spawning: 'REBUILD',
  },
  [VmState.DELETED]: { default: 'DELETED' },
  [VmState.SOFT_DELETED]: { default: 'SOFT_DELETED' },
  [VmState.SHELVED]: { default: 'SHELVED' },
  [VmState.SHELVED_OFFLOADED]: { default: 'SHELVED_OFFLOADED' },
};

/** The API status of a server (ACTIVE, BUILD, SHUTOFF, REBOOT, ...). */
export function statusOf(vmState: string, taskState: string | null): string {
  const byTask = STATE_MAP[vmState];
  if (!byTask) {
    return 'UNKNOWN';
  }
  return (taskState ? byTask[taskState] : undefined) ?? byTask['default'] ?? 'UNKNOWN';
}

/** Statuses that carry `progress` in the server body. */
export const PROGRESS_STATUSES = new Set(['BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING']);

/**
 * The status filter of a server list as Nova applies it: the vm_states that can show
 * `status`, and the task_states too unless a default entry matched (then any task state).
 * Undefined for an unknown status.
 */
export function statesForStatus(status: string): { vmStates: string[]; taskStates?: string[] } | undefined {
  const vmStates = new Set<string>();
  const taskStates = new Set<string>();
  for (const [vm, byTask] of Object.entries(STATE_MAP)) {
    for (const [task, mapped] of Object.entries(byTask)) {
      if (mapped.toLowerCase() === status.toLowerCase()) {
        vmStates.add(vm);
        taskStates.add(task);
      }
    }
  }
  if (vmStates.size === 0) {
    return undefined;
  }
  return taskStates.has('default') ? { vmStates: [...vmStates] } : { vmStates: [...vmStates], taskStates: [...taskStates] };
}

/** The user-visible actions carried out on an agent, with Nova's preconditions. */
export type PowerAction = 'start' | 'stop' | 'reboot' | 'reboot_hard' | 'pause' | 'unpause' | 'suspend' | 'resume';
export type GuardedAction = PowerAction | 'createImage';

export interface ActionRule {
  /** The name Nova uses in "Cannot '<verb>' instance ..." and in os-instance-actions. */
  readonly verb: string;
  readonly vmStates: readonly string[];
  /** Allowed task states (null: none running). */
  readonly taskStates: ReadonlyArray<string | null>;
  /** Task state while the agent works. */
  readonly task: TaskState;
  /** States once the agent succeeded; undefined: unchanged. */
  readonly done?: { readonly vmState: VmState; readonly powerState: PowerState };
  /** The instance action event name. */
  readonly event: string;
}

export const ACTION_RULES: Readonly<Record<GuardedAction, ActionRule>> = {
  start: {
    verb: 'start',
    vmStates: [VmState.STOPPED],
    taskStates: [null],
    task: TaskState.POWERING_ON,
    done: { vmState: VmState.ACTIVE, powerState: PowerState.RUNNING },
    event: 'compute_start_instance',
  },
  stop: {
    verb: 'stop',
    vmStates: [VmState.ACTIVE, VmState.ERROR],
    taskStates: [null],
    task: TaskState.POWERING_OFF,
    done: { vmState: VmState.STOPPED, powerState: PowerState.SHUTDOWN },
    event: 'compute_stop_instance',
  },
  reboot: {
    verb: 'reboot',
    vmStates: [VmState.ACTIVE],
    taskStates: [null],
    task: TaskState.REBOOTING,
    done: { vmState: VmState.ACTIVE, powerState: PowerState.RUNNING },
    event: 'compute_reboot_instance',
  },
  reboot_hard: {
    verb: 'reboot',
    vmStates: [VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED, VmState.ERROR],
    taskStates: [null, ...REBOOT_SOFT, ...REBOOT_HARD],
    task: TaskState.REBOOTING_HARD,
    done: { vmState: VmState.ACTIVE, powerState: PowerState.RUNNING },
    event: 'compute_reboot_instance',
  },
  pause: {
    verb: 'pause',
    vmStates: [VmState.ACTIVE],
    taskStates: [null],
    task: TaskState.PAUSING,
    done: { vmState: VmState.PAUSED, powerState: PowerState.PAUSED },
    event: 'compute_pause_instance',
  },
  unpause: {
    verb: 'unpause',
    vmStates: [VmState.PAUSED],
    taskStates: [null],
    task: TaskState.UNPAUSING,
    done: { vmState: VmState.ACTIVE, powerState: PowerState.RUNNING },
    event: 'compute_unpause_instance',
  },
  suspend: {
    verb: 'suspend',
    vmStates: [VmState.ACTIVE],
    taskStates: [null],
    task: TaskState.SUSPENDING,
    done: { vmState: VmState.SUSPENDED, powerState: PowerState.SHUTDOWN },
    event: 'compute_suspend_instance',
  },
  resume: {
    verb: 'resume',
    vmStates: [VmState.SUSPENDED],
    taskStates: [null],
    task: TaskState.RESUMING,
    done: { vmState: VmState.ACTIVE, powerState: PowerState.RUNNING },
    event: 'compute_resume_instance',
  },
  createImage: {
    verb: 'createImage',
    vmStates: [VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED],
    taskStates: [null],
    task: TaskState.IMAGE_SNAPSHOT,
    event: 'compute_snapshot_instance',
  },
};

/** Why `rule` may not run on a server in these states (Nova's InstanceInvalidState), or undefined. */
export function refusalOf(rule: ActionRule, serverId: string, vmState: string, taskState: string | null): string | undefined {
  if (!rule.vmStates.includes(vmState)) {
    return `Cannot '${rule.verb}' instance ${serverId} while it is in vm_state ${vmState}`;
  }
  if (!rule.taskStates.includes(taskState)) {
    return `Cannot '${rule.verb}' instance ${serverId} while it is in task_state ${taskState}`;
  }
  return undefined;
}

/**
 * Nova's power-state sync for a server in a stable state (no task running): the states the
 * server takes when its guest is seen in `power` on its host; undefined when nothing changes
 * but the power state. A guest that died or vanished turns an active server SHUTOFF; a guest
 * found running again brings a stopped, paused or suspended server back to ACTIVE.
 */
export function syncedVmState(vmState: string, power: PowerState): VmState | undefined {
  const down = power === PowerState.SHUTDOWN || power === PowerState.CRASHED || power === PowerState.NOSTATE;
  switch (vmState) {
    case VmState.ACTIVE:
      if (down) {
        return VmState.STOPPED;
      }
      return power === PowerState.PAUSED ? VmState.PAUSED : undefined;
    case VmState.STOPPED:
    case VmState.SUSPENDED:
      return power === PowerState.RUNNING ? VmState.ACTIVE : undefined;
    case VmState.PAUSED:
      if (power === PowerState.RUNNING) {
        return VmState.ACTIVE;
      }
      return down ? VmState.STOPPED : undefined;
    default:
      return undefined;
  }
}
