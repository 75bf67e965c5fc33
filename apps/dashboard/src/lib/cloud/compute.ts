import 'server-only';
import { computeV1 } from '@tinystack/contracts';
import { computeClient } from './clients.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';
import { pageOf } from '../shared/paging.ts';

export type Server = computeV1.Server;

/** The project's servers (newest first), every page of them. */
export async function listServers(session: Session): Promise<Result<Server[]>> {
  return attempt('compute', 'list servers', async () => {
    const out: Server[] = [];
    let marker = '';
    for (let page = 0; page < 20; page++) {
      const res = await computeClient().listServers(
        { allProjects: false, limit: 1000, marker },
        await callOptions(session.token),
      );
      out.push(...res.servers);
      const last = res.servers.at(-1);
      if (!last || res.servers.length < 1000) {
        break;
      }
      marker = last.id;
    }
    return out;
  });
}

/** One page of the project's servers (newest first) and the marker of the next, if any. */
export interface ServerPage {
  readonly servers: Server[];
  readonly next?: string;
}

/**
 * `limit` servers after `marker` (Horizon pages its tables too, 20 rows by default): one
 * more is asked for to learn whether a next page exists.
 */
export async function listServerPage(
  session: Session,
  opts: { marker: string; limit: number },
): Promise<Result<ServerPage>> {
  return attempt('compute', 'list servers', async () => {
    const res = await computeClient().listServers(
      { allProjects: false, limit: opts.limit + 1, marker: opts.marker },
      await callOptions(session.token),
    );
    const { items, next } = pageOf(res.servers, opts.limit);
    return next ? { servers: items, next } : { servers: items };
  });
}

export async function getServer(session: Session, id: string): Promise<Result<Server>> {
  return attempt('compute', 'get server', async () => {
    const res = await computeClient().getServer({ id }, await callOptions(session.token));
    if (!res.server) {
      throw Object.assign(new Error(`No server with ID ${id} exists.`), { kind: 'not_found' });
    }
    return res.server;
  });
}

/** Nova's power-state names (what `openstack server show` prints). */
export function powerStateName(p: computeV1.PowerState): string {
  switch (p) {
    case computeV1.PowerState.POWER_STATE_RUNNING:
      return 'Running';
    case computeV1.PowerState.POWER_STATE_PAUSED:
      return 'Paused';
    case computeV1.PowerState.POWER_STATE_SHUTDOWN:
      return 'Shutdown';
    case computeV1.PowerState.POWER_STATE_CRASHED:
      return 'Crashed';
    case computeV1.PowerState.POWER_STATE_SUSPENDED:
      return 'Suspended';
    case computeV1.PowerState.POWER_STATE_UNSPECIFIED:
    case computeV1.PowerState.UNRECOGNIZED:
      return 'No state';
  }
}

export interface LaunchRequest {
  readonly name: string;
  readonly imageId: string;
  readonly flavorId: string;
  readonly keyName: string;
  readonly userData: string;
  readonly count: number;
  /** "auto" (get-me-a-network), "none", or a network id. */
  readonly networks: string;
}

/** Launches `count` servers (all or none); throws the service's error (quota, policy...). */
export async function createServers(session: Session, req: LaunchRequest): Promise<Server[]> {
  const res = await computeClient().createServer(
    {
      name: req.name,
      imageId: req.imageId,
      flavorId: req.flavorId,
      keyName: req.keyName,
      userData: new TextEncoder().encode(req.userData),
      count: req.count,
      metadata: {},
      availabilityZone: '',
      networks: req.networks,
    },
    await callOptions(session.token),
  );
  return res.servers;
}

export const SERVER_ACTIONS = {
  start: computeV1.ServerActionKind.SERVER_ACTION_KIND_START,
  stop: computeV1.ServerActionKind.SERVER_ACTION_KIND_STOP,
  reboot: computeV1.ServerActionKind.SERVER_ACTION_KIND_REBOOT_SOFT,
  'hard-reboot': computeV1.ServerActionKind.SERVER_ACTION_KIND_REBOOT_HARD,
  pause: computeV1.ServerActionKind.SERVER_ACTION_KIND_PAUSE,
  unpause: computeV1.ServerActionKind.SERVER_ACTION_KIND_UNPAUSE,
  suspend: computeV1.ServerActionKind.SERVER_ACTION_KIND_SUSPEND,
  resume: computeV1.ServerActionKind.SERVER_ACTION_KIND_RESUME,
} as const;

export async function serverAction(
  session: Session,
  id: string,
  action: keyof typeof SERVER_ACTIONS,
): Promise<void> {
  await computeClient().serverAction(
    { id, action: SERVER_ACTIONS[action] },
    await callOptions(session.token),
  );
}

/** A snapshot image of the server; returns the new image's id. */
export async function snapshotServer(session: Session, id: string, name: string): Promise<string> {
  const res = await computeClient().createServerSnapshot(
    { id, name, metadata: {} },
    await callOptions(session.token),
  );
  return res.imageId;
}

export async function deleteServer(session: Session, id: string): Promise<void> {
  await computeClient().deleteServer({ id }, await callOptions(session.token));
}

/** The last `tailLines` lines of the guest's console (0: all). */
export async function consoleOutput(
  session: Session,
  id: string,
  tailLines: number,
): Promise<Result<string>> {
  return attempt('compute', 'console output', async () => {
    const res = await computeClient().getConsoleOutput(
      { id, tailLines },
      await callOptions(session.token),
    );
    return res.text;
  });
}
