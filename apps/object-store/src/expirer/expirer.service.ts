import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';
import { OBJECT_STORE_CONFIG, type ObjectStoreConfig } from '../config.js';
import { ObjectWriter } from '../objects/object-writer.service.js';
import { ObjectsRepository } from '../objects/objects.repository.js';

const BATCH = 500;

/**
 * Swift's object expirer: objects past X-Delete-At are already invisible to reads; this
 * removes their rows and blobs in the background, a bounded batch per tick.
 */
@Injectable()
export class ExpirerService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = loggerFor('ExpirerService');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(OBJECT_STORE_CONFIG) private readonly cfg: ObjectStoreConfig,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
    @Inject(ObjectWriter) private readonly writer: ObjectWriter,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), this.cfg.OBJECT_STORE_EXPIRER_INTERVAL);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  /** One pass: reaps up to a batch of expired objects; returns how many were removed. */
  async runOnce(): Promise<number> {
    let removed = 0;
    for (const row of await this.objects.expired(BATCH)) {
      if (await this.writer.reap(row)) {
        removed++;
      }
    }
    if (removed > 0) {
      this.log.info({ removed }, 'expired objects reaped');
    }
    return removed;
  }

  private async tick(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = this.runOnce();
    try {
      await this.running;
    } catch (err) {
      this.log.warn({ err }, 'expirer pass failed');
    } finally {
      this.running = undefined;
    }
  }
}
