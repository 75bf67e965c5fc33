import { randomBytes } from 'node:crypto';
import type { ConfigDriveData } from '../driver/guest.types.js';

/**
 * The OpenStack config drive layout (what Nova's virt/configdrive.py writes and cloud-init's
 * ConfigDrive datasource reads): an ISO9660 volume labelled `config-2` with
 * openstack/<version>/{meta_data.json,user_data,network_data.json,vendor_data*.json} for
 * every metadata version cloud-init knows, plus `latest`.
 */
export const CONFIG_DRIVE_LABEL = 'config-2';

export const METADATA_VERSIONS = [
  '2012-08-10',
  '2013-04-04',
  '2013-10-17',
  '2015-10-15',
  '2016-06-30',
  '2016-10-06',
  '2017-02-22',
  '2018-08-27',
  'latest',
] as const;

/** Nova's hostname from a display name: lower-case letters, digits and dashes, at most 63. */
export function hostnameOf(name: string): string {
  const h = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return h || 'server';
}

/** meta_data.json as Nova writes it (the keys cloud-init reads). */
export function metaDataOf(
  d: ConfigDriveData,
  seed: Uint8Array = randomBytes(512),
): Record<string, unknown> {
  const keys = Object.entries(d.publicKeys);
  return {
    uuid: d.uuid,
    name: d.name,
    hostname: d.hostname ?? hostnameOf(d.name),
    launch_index: d.launchIndex ?? 0,
    availability_zone: d.availabilityZone ?? 'nova',
    project_id: d.projectId ?? '',
    meta: { ...d.metadata },
    public_keys: Object.fromEntries(keys),
    keys: keys.map(([name, data]) => ({ name, type: 'ssh', data })),
    devices: [],
    random_seed: Buffer.from(seed).toString('base64'),
  };
}

/** Every file of the config drive: relative path → content. */
export function configDriveFiles(d: ConfigDriveData): Map<string, Uint8Array> {
  const json = (v: unknown) => Buffer.from(`${JSON.stringify(v)}\n`);
  const meta = json(metaDataOf(d));
  const network = json(d.extraJson?.network_data ?? { links: [], networks: [], services: [] });
  const vendor = json(d.extraJson?.vendor_data ?? {});
  const files = new Map<string, Uint8Array>();
  for (const v of METADATA_VERSIONS) {
    files.set(`openstack/${v}/meta_data.json`, meta);
    files.set(`openstack/${v}/network_data.json`, network);
    files.set(`openstack/${v}/vendor_data.json`, vendor);
    files.set(`openstack/${v}/vendor_data2.json`, json({}));
    if (d.userData !== undefined) {
      files.set(`openstack/${v}/user_data`, d.userData);
    }
  }
  return files;
}
