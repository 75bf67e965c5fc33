import 'server-only';
import { computeV1 } from '@tinystack/contracts';
import { computeClient } from './clients.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';

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
