import 'server-only';
import { cache } from 'react';
import type { networkV1 } from '@tinystack/contracts';
import { networkClient } from './clients.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';

export type Network = networkV1.NetworkSummary;
export type FloatingIp = networkV1.FloatingIp;
export type Port = networkV1.PortSummary;

/** The networks the user sees (the project's, shared and external ones) with their subnets. */
export const listNetworks = cache(async (session: Session): Promise<Result<Network[]>> =>
  attempt('network', 'list networks', async () => {
    const res = await networkClient().listNetworks({}, await callOptions(session.token));
    return res.networks;
  }),
);

/**
 * The project's floating IPs, with the server each associated one forwards to (only the
 * session project's: the service shows an admin every project's).
 */
export const listFloatingIps = cache(async (session: Session): Promise<Result<FloatingIp[]>> =>
  attempt('network', 'list floating IPs', async () => {
    const res = await networkClient().listFloatingIps({}, await callOptions(session.token));
    return res.floatingIps.filter((f) => f.projectId === session.project?.id);
  }),
);

/** The project's ports (every one when `deviceId` is empty), oldest first. */
export async function listPorts(session: Session, deviceId = ''): Promise<Result<Port[]>> {
  return attempt('network', 'list ports', async () => {
    const res = await networkClient().listPorts({ deviceId }, await callOptions(session.token));
    return res.ports;
  });
}

/** A new floating IP from `networkId` (empty: the default external network); throws refusals. */
export async function allocateFloatingIp(
  session: Session,
  networkId: string,
): Promise<FloatingIp | undefined> {
  const res = await networkClient().createFloatingIp(
    { floatingNetworkId: networkId },
    await callOptions(session.token),
  );
  return res.floatingIp;
}

/** Points the floating IP at `portId`, or at nothing when it is empty; throws refusals. */
export async function setFloatingIpPort(
  session: Session,
  id: string,
  portId: string,
): Promise<FloatingIp | undefined> {
  const res = await networkClient().updateFloatingIp(
    { id, portId },
    await callOptions(session.token),
  );
  return res.floatingIp;
}

/** Gives the address back to the external network's pool; throws refusals. */
export async function releaseFloatingIp(session: Session, id: string): Promise<void> {
  await networkClient().deleteFloatingIp({ id }, await callOptions(session.token));
}
