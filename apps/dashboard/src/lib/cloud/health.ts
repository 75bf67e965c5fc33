import 'server-only';
import { errorParts, type ServiceName } from '../shared/cloud-error.ts';
import {
  computeClient,
  identityClient,
  imageClient,
  networkClient,
  objectStoreClient,
} from './clients.ts';

export type Reachability = 'ok' | 'unavailable';

/**
 * One cheap call per service that needs no token: identity's ListSigningKeys answers;
 * the others answer "unauthorized", which proves they are up and speak the contract.
 */
const PROBES: Record<ServiceName, () => Promise<unknown>> = {
  identity: () => identityClient().listSigningKeys({}, { timeoutMs: 1500 }),
  'object-store': () =>
    objectStoreClient().listContainers(
      { account: '', prefix: '', marker: '', limit: 1 },
      { timeoutMs: 1500 },
    ),
  image: () => imageClient().getImage({ id: 'healthz' }, { timeoutMs: 1500 }),
  compute: () => computeClient().getServer({ id: 'healthz' }, { timeoutMs: 1500 }),
  network: () => networkClient().listNetworks({}, { timeoutMs: 1500 }),
};

async function probe(fn: () => Promise<unknown>): Promise<Reachability> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    const { kind } = errorParts(err);
    return kind === 'unavailable' || kind === 'not_implemented' || kind === 'internal'
      ? 'unavailable'
      : 'ok';
  }
}

let cached: { at: number; value: Promise<Record<ServiceName, Reachability>> } | undefined;

/** Which services answer, probed at most every 2 s however often /healthz is asked. */
export function reachability(): Promise<Record<ServiceName, Reachability>> {
  if (!cached || Date.now() - cached.at > 2000) {
    const entries = Object.entries(PROBES) as Array<[ServiceName, () => Promise<unknown>]>;
    cached = {
      at: Date.now(),
      value: Promise.all(entries.map(async ([name, fn]) => [name, await probe(fn)] as const)).then(
        (pairs) => Object.fromEntries(pairs) as Record<ServiceName, Reachability>,
      ),
    };
  }
  return cached.value;
}
