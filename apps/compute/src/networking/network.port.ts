/** A port of a server with what the host and guest need (from the network service). */
export interface ServerPort {
  readonly portId: string;
  readonly networkId: string;
  readonly networkName: string;
  readonly macAddress: string;
  readonly mtu: number;
  readonly addresses: ReadonlyArray<{
    readonly ipAddress: string;
    /** Empty when not known (the agent contract does not carry it). */
    readonly subnetId?: string;
    readonly cidr: string;
    readonly gatewayIp: string;
    readonly dnsNameservers: readonly string[];
  }>;
}

/** What a server asks of the network: Nova's `networks` after validation. */
export type NetworkRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'auto' }
  | { readonly kind: 'ports'; readonly requests: ReadonlyArray<{ readonly networkId?: string; readonly portId?: string; readonly fixedIp?: string }> };

/** One entry of Nova's `addresses`, as the network service reports it. */
export interface NetworkAddress {
  readonly networkName: string;
  readonly addr: string;
  readonly version: number;
  readonly macAddr: string;
  readonly type: 'fixed' | 'floating';
}

/**
 * Compute's side of the network service (proto/tinystack/network/v1), Nova's
 * network API. `allocate` acts with the user's token; the rest with compute's own.
 */
export interface NetworkGateway {
  allocate(token: string, serverId: string, zone: string, request: NetworkRequest): Promise<ServerPort[]>;
  bind(serverId: string, host: string): Promise<ServerPort[]>;
  /** Deletes the ports made for the server and unbinds the others; only `portId` when given. */
  release(serverId: string, portId?: string): Promise<void>;
  /** The server's ports, oldest first. */
  list(serverId: string): Promise<ServerPort[]>;
  addresses(serverIds: readonly string[]): Promise<Map<string, NetworkAddress[]>>;
  close?(): void;
}

/** Injection token of the {@link NetworkGateway}, or null when no network service is configured. */
export const NETWORK_GATEWAY = Symbol('NETWORK_GATEWAY');
