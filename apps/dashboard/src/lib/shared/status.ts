/**
 * Which states are on their way somewhere: while any row is in one, its page refreshes
 * itself. Servers follow Nova's statuses and task states; images Glance's statuses.
 */
const SERVER_TRANSITIONAL = new Set([
  'BUILD',
  'REBOOT',
  'HARD_REBOOT',
  'RESIZE',
  'REVERT_RESIZE',
  'MIGRATING',
  'REBUILD',
  'RESCUE',
  'SHELVED',
  'DELETED',
  'SOFT_DELETED',
  'PASSWORD',
]);
const SERVER_SETTLED_SOFT = new Set(['SHELVED', 'SOFT_DELETED', 'RESCUE']);

export function isServerTransitional(s: { status: string; taskState: string }): boolean {
  return (
    s.taskState !== '' ||
    (SERVER_TRANSITIONAL.has(s.status.toUpperCase()) &&
      !SERVER_SETTLED_SOFT.has(s.status.toUpperCase()))
  );
}

const IMAGE_TRANSITIONAL = new Set([
  'queued',
  'saving',
  'uploading',
  'importing',
  'pending_delete',
]);

export function isImageTransitional(status: string): boolean {
  return IMAGE_TRANSITIONAL.has(status.toLowerCase());
}

export type Tone = 'ok' | 'busy' | 'off' | 'bad' | 'neutral';

/** The colour of a status badge. */
export function serverTone(status: string): Tone {
  switch (status.toUpperCase()) {
    case 'ACTIVE':
      return 'ok';
    case 'ERROR':
      return 'bad';
    case 'SHUTOFF':
    case 'PAUSED':
    case 'SUSPENDED':
    case 'SHELVED':
    case 'SHELVED_OFFLOADED':
      return 'off';
    default:
      return SERVER_TRANSITIONAL.has(status.toUpperCase()) ? 'busy' : 'neutral';
  }
}

export function imageTone(status: string): Tone {
  switch (status.toLowerCase()) {
    case 'active':
      return 'ok';
    case 'killed':
    case 'deleted':
      return 'bad';
    case 'deactivated':
      return 'off';
    default:
      return IMAGE_TRANSITIONAL.has(status.toLowerCase()) ? 'busy' : 'neutral';
  }
}
