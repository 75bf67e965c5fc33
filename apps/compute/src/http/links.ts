import { Inject, Injectable } from '@nestjs/common';
import { COMPUTE_CONFIG, publicUrlOf, type ComputeConfig } from '../config.js';

export interface Link {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
}

/** Nova's resource links: `self` under /v2.1, `bookmark` without the version. */
@Injectable()
export class Links {
  readonly base: string;

  constructor(@Inject(COMPUTE_CONFIG) config: ComputeConfig) {
    this.base = publicUrlOf(config);
  }

  /** `[self, bookmark]` of `collection/id`, e.g. resource('flavors', '1'). */
  resource(collection: string, id: string | number): Link[] {
    const path = `${collection}/${encodeURIComponent(String(id))}`;
    return [
      { rel: 'self', href: `${this.base}/v2.1/${path}` },
      { rel: 'bookmark', href: `${this.base}/${path}` },
    ];
  }

  bookmark(collection: string, id: string | number): Link[] {
    return [{ rel: 'bookmark', href: `${this.base}/${collection}/${encodeURIComponent(String(id))}` }];
  }

  /** `[{rel: next}]` for a full page: the same query with `marker` set to the page's last id. */
  next(path: string, query: Record<string, unknown>, marker: string): Link[] {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (k === 'marker' || v === undefined) {
        continue;
      }
      for (const item of Array.isArray(v) ? v : [v]) {
        params.append(k, String(item));
      }
    }
    params.set('marker', marker);
    return [{ rel: 'next', href: `${this.base}/v2.1/${path}?${params.toString()}` }];
  }
}
