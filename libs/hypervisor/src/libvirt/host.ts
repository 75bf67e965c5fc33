import { Hypervisor } from '@unraid/libvirt';
import { loggerFor } from '@tinystack/logging';
import { hypervisorUnavailable } from '../driver/hypervisor.errors.js';
import { isConnectionLost, toDomainError, type ErrorContext } from './libvirt-errors.js';
import { loadAddon, type NativeEvent, type VirtConnection } from './native.js';
import { parseCapabilities, type ParsedCapabilities } from './xml-reader.js';

/** Both native connections to one libvirt URI. */
export interface Connections {
  /** @unraid/libvirt: define, start, shutdown, destroy, pause, info, XML, listing. */
  readonly lv: Hypervisor;
  /** Our addon: reboot, reset, managed save, undefine flags, state, capabilities, events. */
  readonly ext: VirtConnection;
}

export interface HostFacts {
  readonly caps: ParsedCapabilities;
  readonly hypervisorVersion: number;
  readonly libvirtVersion: number;
  readonly hostname: string;
}

/**
 * The connection to one libvirt host (Nova's libvirt/host.py): opens both native
 * connections, reopens them when libvirtd went away, maps errors, and fans out domain
 * events. Everything else goes through `call()`.
 */
export class LibvirtHost {
  private readonly log = loggerFor('LibvirtHost');
  private conns: Connections | undefined;
  private opening: Promise<Connections> | undefined;
  private facts: HostFacts | undefined;
  private readonly listeners = new Set<(event: NativeEvent) => void>();

  constructor(readonly uri: string) {}

  /** Opens the connections if they are not open and alive; throws `unavailable` otherwise. */
  async connect(): Promise<Connections> {
    if (this.conns && this.conns.ext.isAlive()) {
      return this.conns;
    }
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async open(): Promise<Connections> {
    await this.dispose();
    const { VirtConnection } = loadAddon();
    // Ours first: it registers libvirt's event loop, which a connection must find at open.
    const ext = new VirtConnection(this.uri);
    const lv = new Hypervisor({ uri: this.uri });
    try {
      await ext.open();
      await lv.connectOpen();
    } catch (err) {
      await ext.close().catch(() => undefined);
      throw hypervisorUnavailable(`cannot connect to ${this.uri}: ${(err as Error).message}`);
    }
    const conns = { lv, ext };
    this.conns = conns;
    if (this.listeners.size > 0) {
      this.subscribe(ext);
    }
    this.log.info({ uri: this.uri }, 'connected to libvirt');
    return conns;
  }

  private subscribe(ext: VirtConnection): void {
    const supported = ext.watchEvents((event) => {
      if (event.kind === 'closed') {
        this.log.warn({ uri: this.uri, reason: event.event }, 'libvirt connection closed');
        this.conns = undefined;
      }
      for (const listener of this.listeners) {
        listener(event);
      }
    });
    if (!supported) {
      this.log.warn(
        { uri: this.uri },
        'libvirt domain events are not supported on this connection',
      );
    }
  }

  /** Receive every native event (lifecycle, reboot, connection closed). */
  onEvent(listener: (event: NativeEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && this.conns) {
      this.subscribe(this.conns.ext);
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Runs `fn` on open connections and maps what it throws to a DomainError; a lost
   * connection is dropped so the next call reconnects.
   */
  async call<T>(ctx: ErrorContext, fn: (c: Connections) => Promise<T>): Promise<T> {
    const conns = await this.connect();
    try {
      return await fn(conns);
    } catch (err) {
      if (isConnectionLost(err) && this.conns === conns) {
        this.conns = undefined;
      }
      throw toDomainError(err, ctx);
    }
  }

  /** Capabilities, versions and hostname: read once per process (they do not change). */
  async hostFacts(): Promise<HostFacts> {
    this.facts ??= await this.call({ op: 'read host capabilities' }, async ({ lv, ext }) => {
      const [capsXml, versions, hostname] = await Promise.all([
        ext.getCapabilities(),
        ext.getVersions(),
        lv.connectGetHostname(),
      ]);
      return {
        caps: parseCapabilities(capsXml),
        hypervisorVersion: versions.hypervisor,
        libvirtVersion: versions.libvirt,
        hostname,
      };
    });
    return this.facts;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.dispose();
  }

  private async dispose(): Promise<void> {
    const conns = this.conns;
    this.conns = undefined;
    if (conns) {
      conns.ext.unwatchEvents();
      await Promise.allSettled([conns.lv.connectClose(), conns.ext.close()]);
    }
  }
}
