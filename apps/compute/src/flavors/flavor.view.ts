import type { ApiVersion } from '../http/api-version.js';
import type { Links } from '../http/links.js';
import type { FlavorEntity } from './flavor.entity.js';

/** Nova's flavor view builder (views/flavors.py), field by field per microversion. */
export class FlavorView {
  constructor(
    private readonly links: Links,
    private readonly version: ApiVersion,
  ) {}

  /** The list entry of GET /flavors. */
  basic(f: FlavorEntity): Record<string, unknown> {
    return {
      id: f.id,
      name: f.name,
      links: this.links.resource('flavors', f.id),
      ...(this.version.atLeast('2.55') ? { description: f.description } : {}),
    };
  }

  /** GET /flavors/detail entries, GET /flavors/{id}, POST and PUT answers. */
  detail(f: FlavorEntity, extraSpecs: Record<string, string> | undefined): Record<string, unknown> {
    const body: Record<string, unknown> = {
      id: f.id,
      name: f.name,
      ram: f.memoryMb,
      disk: f.rootGb,
      vcpus: f.vcpus,
      links: this.links.resource('flavors', f.id),
      'OS-FLV-EXT-DATA:ephemeral': f.ephemeralGb,
      'OS-FLV-DISABLED:disabled': f.disabled,
      'os-flavor-access:is_public': f.isPublic,
      swap: f.swap === 0 && this.version.before('2.75') ? '' : f.swap,
      rxtx_factor: f.rxtxFactor,
    };
    if (this.version.atLeast('2.55')) {
      body['description'] = f.description;
    }
    if (this.version.atLeast('2.61')) {
      body['extra_specs'] = extraSpecs ?? {};
    }
    return body;
  }
}
