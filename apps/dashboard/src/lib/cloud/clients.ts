import 'server-only';
import { computeV1, identityV1, imageV1, networkV1, objectstoreV1 } from '@tinystack/contracts';
import { createServiceClient, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import { config } from './config.ts';

export type IdentityClient = Client<
  typeof identityV1.IdentityServiceDefinition,
  TinystackCallOptions
>;
export type ObjectStoreClient = Client<
  typeof objectstoreV1.ObjectStoreServiceDefinition,
  TinystackCallOptions
>;

export type ImageClient = Client<typeof imageV1.ImageServiceDefinition, TinystackCallOptions>;
export type ComputeClient = Client<typeof computeV1.ComputeServiceDefinition, TinystackCallOptions>;
export type NetworkClient = Client<typeof networkV1.NetworkServiceDefinition, TinystackCallOptions>;

interface Clients {
  identity?: IdentityClient;
  objectStore?: ObjectStoreClient;
  image?: ImageClient;
  compute?: ComputeClient;
  network?: NetworkClient;
}

/** One channel per service for the whole process (kept on globalThis across module copies). */
const KEY = Symbol.for('tinystack.dashboard.grpc-clients');
const store = globalThis as typeof globalThis & { [KEY]?: Clients };
const clients = (store[KEY] ??= {});

/** Unary calls from a page render give up after this long: the page must stay quick. */
const DEFAULT_TIMEOUT_MS = 5_000;

export function identityClient(): IdentityClient {
  return (clients.identity ??= createServiceClient(
    identityV1.IdentityServiceDefinition,
    config().IDENTITY_GRPC_URL,
    { defaultTimeoutMs: DEFAULT_TIMEOUT_MS },
  ).client);
}

export function objectStoreClient(): ObjectStoreClient {
  return (clients.objectStore ??= createServiceClient(
    objectstoreV1.ObjectStoreServiceDefinition,
    config().OBJECT_STORE_GRPC_URL,
    { defaultTimeoutMs: DEFAULT_TIMEOUT_MS },
  ).client);
}

export function imageClient(): ImageClient {
  return (clients.image ??= createServiceClient(
    imageV1.ImageServiceDefinition,
    config().IMAGE_GRPC_URL,
    {
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    },
  ).client);
}

export function computeClient(): ComputeClient {
  return (clients.compute ??= createServiceClient(
    computeV1.ComputeServiceDefinition,
    config().COMPUTE_GRPC_URL,
    {
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    },
  ).client);
}

export function networkClient(): NetworkClient {
  return (clients.network ??= createServiceClient(
    networkV1.NetworkServiceDefinition,
    config().NETWORK_GRPC_URL,
    {
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    },
  ).client);
}
