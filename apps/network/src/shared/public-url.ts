import { Inject, Injectable } from '@nestjs/common';
import { NETWORK_CONFIG, publicUrlOf, type NetworkConfig } from '../config.js';

/** The API's public base URL, for links. */
@Injectable()
export class PublicUrl {
  readonly base: string;

  constructor(@Inject(NETWORK_CONFIG) config: NetworkConfig) {
    this.base = publicUrlOf(config);
  }
}
