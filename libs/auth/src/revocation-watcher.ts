import { loggerFor } from '@tinystack/logging';
import type { IdentityClient, ServiceTokenProvider } from './identity-client.js';
import type { RevocationList } from './revocation.js';

/**
 * Keeps a RevocationList in step with identity's WatchRevocations stream: on (re)connect
 * identity replays every unexpired event, then streams new ones as they happen, so a
 * revoked token is refused here within a moment. Reconnects with backoff for as long as
 * it runs.
 */
export class RevocationWatcher {
  private readonly log = loggerFor('RevocationWatcher');
  private abort = new AbortController();
  private running = false;
  private connectedOnce: Promise<void>;
  private markConnected: () => void = () => undefined;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly identity: IdentityClient,
    private readonly tokens: ServiceTokenProvider,
    private readonly list: RevocationList,
  ) {
    this.connectedOnce = new Promise((resolve) => (this.markConnected = resolve));
  }

  /** Starts watching; resolves once the first replay has been received (or after timeoutMs). */
  async start(timeoutMs = 5_000): Promise<void> {
    if (!this.running) {
      this.running = true;
      this.pruneTimer = setInterval(() => this.list.prune(), 60_000);
      this.pruneTimer.unref();
      void this.loop();
    }
    await Promise.race([this.connectedOnce, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  stop(): void {
    this.running = false;
    this.abort.abort();
    clearInterval(this.pruneTimer);
  }

  private async loop(): Promise<void> {
    let backoff = 200;
    while (this.running) {
      try {
        const token = await this.tokens.token();
        const stream = this.identity.watchRevocations({}, { token, signal: this.abort.signal });
        this.markConnected();
        backoff = 200;
        for await (const msg of stream) {
          const e = msg.event;
          if (e) {
            this.list.add({
              id: e.id,
              userId: e.userId || undefined,
              projectId: e.projectId || undefined,
              domainId: e.domainId || undefined,
              auditId: e.auditId || undefined,
              applicationCredentialId: e.applicationCredentialId || undefined,
              issuedBefore: e.issuedBefore,
              expiresAt: e.expiresAt,
            });
          }
        }
      } catch (err) {
        if (!this.running) {
          return;
        }
        if ((err as { kind?: string }).kind === 'unauthorized') {
          this.tokens.invalidate();
        }
        this.log.warn({ err: (err as Error).message, retryInMs: backoff }, 'revocation stream lost');
      }
      await new Promise((r) => setTimeout(r, backoff).unref());
      backoff = Math.min(backoff * 2, 5_000);
    }
  }
}
