// The launch and instance-action rules the browser needs too. No zod here: this module
// ships to the client; the schemas in compute.schemas.ts stay on the server side.

/** The most servers one launch asks for (Nova has no limit of its own; the quota is one). */
export const MAX_LAUNCH_COUNT = 20;

export interface QuotaLine {
  readonly resource: string;
  readonly limit: number;
  readonly inUse: number;
}

/**
 * What a launch of `count` servers of a flavor would exceed, as field errors: the count
 * for instances, the flavor for cores and RAM. Empty when it fits (or there is no limit).
 */
export function quotaProblems(
  quota: readonly QuotaLine[],
  flavor: { vcpus: number; ramMb: number } | undefined,
  count: number,
): { count?: string[]; flavorId?: string[] } {
  const room = (r: string) => {
    const q = quota.find((l) => l.resource === r);
    return q && q.limit >= 0 ? Math.max(0, q.limit - q.inUse) : Infinity;
  };
  const out: { count?: string[]; flavorId?: string[] } = {};
  const instances = room('instances');
  if (count > instances) {
    out.count = [
      instances === 0
        ? 'The project has no instances left in its quota.'
        : `The project's quota allows ${instances} more instance${instances === 1 ? '' : 's'}.`,
    ];
  }
  if (flavor) {
    const problems: string[] = [];
    if (flavor.vcpus * count > room('cores')) {
      problems.push(
        `${count} × ${flavor.vcpus} vCPU is more than the ${room('cores')} vCPUs left in the quota.`,
      );
    }
    if (flavor.ramMb * count > room('ram')) {
      problems.push(
        `${count} × ${flavor.ramMb} MiB RAM is more than the ${room('ram')} MiB left in the quota.`,
      );
    }
    if (problems.length > 0) {
      out.flavorId = problems;
    }
  }
  return out;
}

export const SERVER_ACTION_NAMES = [
  'start',
  'stop',
  'reboot',
  'hard-reboot',
  'pause',
  'unpause',
  'suspend',
  'resume',
] as const;
export type ServerActionName = (typeof SERVER_ACTION_NAMES)[number];

/** The power actions that make sense in a status (Nova refuses the others). */
export function actionsFor(status: string, taskState: string): ServerActionName[] {
  if (taskState) {
    return [];
  }
  switch (status) {
    case 'ACTIVE':
      return ['stop', 'reboot', 'hard-reboot', 'pause', 'suspend'];
    case 'SHUTOFF':
      return ['start'];
    case 'PAUSED':
      return ['unpause'];
    case 'SUSPENDED':
      return ['resume'];
    case 'ERROR':
      return ['hard-reboot'];
    default:
      return [];
  }
}

export const ACTION_LABELS: Record<ServerActionName, string> = {
  start: 'Start',
  stop: 'Stop',
  reboot: 'Reboot',
  'hard-reboot': 'Hard reboot',
  pause: 'Pause',
  unpause: 'Unpause',
  suspend: 'Suspend',
  resume: 'Resume',
};
