import { randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { badRequest, forbidden } from '@tinystack/errors';
import type { ApiVersion } from '../http/api-version.js';
import type { ImageInfo } from '../images/image.port.js';
import type { NetworkRequest } from '../networking/network.port.js';
import { DEFAULT_AZ } from '../scheduler/scheduler.service.js';
import type { CreateServerBody } from './server-create.schemas.js';

const GIB = 1024 ** 3;

/** Nova's reservation ids: r- and 8 random characters. */
export function newReservationId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `r-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Nova's sanitize_hostname: letters, digits, dashes and dots, at most 63 characters. */
export function hostnameOf(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[ _]/g, '-')
    .replace(/[^a-z0-9.-]/g, '')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 63)
    .replace(/[.-]+$/g, '');
  return clean || 'server';
}

/** The id at the end of an id or an href (Nova's get_id_from_href). */
export const idFromHref = (ref: string): string => ref.replace(/\/+$/, '').split('/').pop() ?? ref;

/**
 * The request's networks as Nova reads them: "none", "auto" (also for nothing before
 * 2.37), or a list of networks (`uuid`, with an optional `fixed_ip`) and ports (`port`).
 * A list needs the network service; a port or a fixed IP cannot serve several servers.
 */
export function networkRequestOf(
  networks: CreateServerBody['server']['networks'],
  opts: { readonly networkService: boolean; readonly maxCount: number },
): NetworkRequest {
  if (networks === 'none') {
    return { kind: 'none' };
  }
  if (networks === 'auto' || networks === undefined || networks.length === 0) {
    return { kind: 'auto' };
  }
  if (!opts.networkService) {
    throw badRequest('Requesting specific networks or ports needs the network service: use "auto" or "none".');
  }
  const requests = networks.map((n) => {
    if (n.port !== undefined) {
      if (opts.maxCount > 1) {
        throw badRequest('Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.');
      }
      return { portId: n.port };
    }
    if (n.uuid === undefined) {
      throw badRequest('Bad networks format: network uuid is not in proper format');
    }
    if (n.fixed_ip !== undefined) {
      if (!isIPv4(n.fixed_ip)) {
        throw badRequest(`Invalid fixed IP address (${n.fixed_ip})`);
      }
      if (opts.maxCount > 1) {
        throw badRequest('max_count cannot be greater than 1 if an fixed_ip is specified.');
      }
    }
    return { networkId: n.uuid, ...(n.fixed_ip !== undefined ? { fixedIp: n.fixed_ip } : {}) };
  });
  return { kind: 'ports', requests };
}

/** The requested availability zone, and a forced host from the legacy "zone:host[:node]" form (admins). */
export function zoneOf(az: string | undefined, isAdmin: boolean): { zone?: string; host?: string; node?: string } {
  if (az === undefined || az === '') {
    return {};
  }
  const [zone, host, node] = az.split(':');
  if (zone && zone !== DEFAULT_AZ) {
    throw badRequest(`The requested availability zone is not available`);
  }
  if ((host || node) && !isAdmin) {
    throw forbidden("Policy doesn't allow os_compute_api:servers:create:forced_host to be performed.");
  }
  return { zone: DEFAULT_AZ, ...(host ? { host } : {}), ...(node ? { node } : {}) };
}

/** Nova's image checks at boot: active, and the flavor big enough for it. */
export function checkImageFits(image: ImageInfo, flavor: { memoryMb: number; rootGb: number }): void {
  if (image.status !== 'active') {
    throw badRequest(`Image ${image.id} is not active.`);
  }
  if (image.minRamMb > flavor.memoryMb) {
    throw badRequest("Flavor's memory is too small for requested image.");
  }
  if (flavor.rootGb > 0) {
    if (image.minDiskGb > flavor.rootGb) {
      throw badRequest("Flavor's disk is too small for requested image.");
    }
    if (image.size > flavor.rootGb * GIB) {
      throw badRequest(
        `Flavor's disk is too small for requested image. Flavor disk is ${flavor.rootGb * GIB} bytes, image is ${image.size} bytes.`,
      );
    }
  }
}

/** min_count / max_count, checked as Nova checks them. */
export function countsOf(body: CreateServerBody['server']): { min: number; max: number } {
  const min = body.min_count ?? 1;
  const max = body.max_count ?? min;
  if (min > max) {
    throw badRequest("min_count must be <= max_count");
  }
  return { min, max };
}

/** The names of `count` servers: the name itself for one, name-1, name-2... for several. */
export function namesOf(name: string, count: number): string[] {
  return count === 1 ? [name] : Array.from({ length: count }, (_, i) => `${name}-${i + 1}`);
}

/** Fields of other microversions are refused by the schema already; this checks combinations. */
export function checkUnsupported(body: CreateServerBody['server'], version: ApiVersion): void {
  if ((body.block_device_mapping?.length ?? 0) > 0 || (body.block_device_mapping_v2?.length ?? 0) > 0) {
    throw badRequest('Block device mappings (volumes) are not supported.');
  }
  if (!body.imageRef) {
    throw badRequest('Missing imageRef attribute');
  }
  if (version.atLeast('2.63') && (body.trusted_image_certificates?.length ?? 0) > 0) {
    throw badRequest('Image certificate validation is not supported.');
  }
}
