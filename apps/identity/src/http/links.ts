import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { IDENTITY_CONFIG, publicUrlOf, type IdentityConfig } from '../config.js';

export interface ListLinks {
  self: string;
  previous: string | null;
  next: string | null;
}

/** URLs in responses, built on IDENTITY_PUBLIC_URL (not on the request's Host header). */
@Injectable()
export class Links {
  /** `<public>/v3` */
  readonly base: string;
  readonly public: string;

  constructor(@Inject(IDENTITY_CONFIG) cfg: IdentityConfig) {
    this.public = publicUrlOf(cfg);
    this.base = `${this.public}/v3`;
  }

  /** Keystone's list `links`; `next` carries `marker` when the list was cut by `limit`. */
  list(req: Request, nextMarker?: string): ListLinks {
    const self = `${this.public}${req.originalUrl}`;
    let next: string | null = null;
    if (nextMarker !== undefined) {
      const u = new URL(self);
      u.searchParams.set('marker', nextMarker);
      next = u.toString();
    }
    return { self, previous: null, next };
  }
}
