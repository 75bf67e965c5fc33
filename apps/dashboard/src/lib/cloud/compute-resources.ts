import 'server-only';
import { cache } from 'react';
import type { computeV1 } from '@tinystack/contracts';
import { computeClient } from './clients.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';

export type Keypair = computeV1.Keypair;
export type Flavor = computeV1.Flavor;
export type QuotaUsage = computeV1.QuotaUsage;

/** The user's key pairs. */
export const listKeypairs = cache(async (session: Session): Promise<Result<Keypair[]>> =>
  attempt('compute', 'list key pairs', async () => {
    const res = await computeClient().listKeypairs({}, await callOptions(session.token));
    return res.keypairs;
  }),
);

/** A generated key pair: the private key exists only in this answer. */
export async function createKeypair(
  session: Session,
  name: string,
): Promise<{ keypair?: Keypair | undefined; privateKey: string }> {
  return computeClient().createKeypair({ name }, await callOptions(session.token));
}

export async function importKeypair(
  session: Session,
  name: string,
  publicKey: string,
): Promise<void> {
  await computeClient().importKeypair(
    { name, publicKey, type: 'ssh' },
    await callOptions(session.token),
  );
}

export async function deleteKeypair(session: Session, name: string): Promise<void> {
  await computeClient().deleteKeypair({ name }, await callOptions(session.token));
}

/** The flavors the user may boot (all of them for an admin). */
export const listFlavors = cache(async (session: Session): Promise<Result<Flavor[]>> =>
  attempt('compute', 'list flavors', async () => {
    const res = await computeClient().listFlavors({}, await callOptions(session.token));
    return res.flavors;
  }),
);

export interface NewFlavor {
  readonly name: string;
  readonly id: string;
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
  readonly isPublic: boolean;
  readonly description: string;
}

export async function createFlavor(session: Session, f: NewFlavor): Promise<void> {
  await computeClient().createFlavor({ ...f, extraSpecs: {} }, await callOptions(session.token));
}

export async function deleteFlavor(session: Session, id: string): Promise<void> {
  await computeClient().deleteFlavor({ id }, await callOptions(session.token));
}

/** The project's compute quota: limit and use per resource. */
export const quotaUsage = cache(async (session: Session): Promise<Result<QuotaUsage[]>> =>
  attempt('compute', 'quota usage', async () => {
    const res = await computeClient().getQuotaUsage(
      { projectId: '' },
      await callOptions(session.token),
    );
    return res.usage;
  }),
);
