import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import { ApiVersion } from '../http/api-version.js';
import type { ImageInfo } from '../images/image.port.js';
import { CREATE_SERVER_SCHEMAS } from './server-create.schemas.js';
import {
  checkImageFits,
  checkUnsupported,
  countsOf,
  hostnameOf,
  idFromHref,
  namesOf,
  networkRequestOf,
  newReservationId,
  zoneOf,
} from './server-create.rules.js';

const kind = (k: string) => (e: unknown) => e instanceof DomainError && e.kind === k;
const image = (over: Partial<ImageInfo> = {}): ImageInfo => ({
  id: 'i',
  name: 'cirros',
  status: 'active',
  size: 1024,
  minDiskGb: 0,
  minRamMb: 0,
  diskFormat: 'raw',
  containerFormat: 'bare',
  properties: {},
  ...over,
});

test('hostnames are sanitized like Nova does', () => {
  assert.equal(hostnameOf('My Server_01'), 'my-server-01');
  assert.equal(hostnameOf('--x--'), 'x');
  assert.equal(hostnameOf('!!!'), 'server');
  assert.equal(hostnameOf('a'.repeat(80)).length, 63);
});

test('ids come from ids or hrefs', () => {
  assert.equal(idFromHref('6'), '6');
  assert.equal(idFromHref('http://h/v2.1/flavors/6/'), '6');
});

test('networks: auto, none, nothing (auto before 2.37); specific ones need the network service', () => {
  const one = { networkService: true, maxCount: 1 };
  const net = '00000000-0000-0000-0000-000000000000';
  assert.deepEqual(networkRequestOf(undefined, one), { kind: 'auto' });
  assert.deepEqual(networkRequestOf([], one), { kind: 'auto' });
  assert.deepEqual(networkRequestOf('none', one), { kind: 'none' });
  assert.throws(() => networkRequestOf([{ uuid: net }], { networkService: false, maxCount: 1 }), kind('bad_request'));
  assert.deepEqual(networkRequestOf([{ uuid: net, fixed_ip: '10.0.0.5' }, { port: net }], one), {
    kind: 'ports',
    requests: [{ networkId: net, fixedIp: '10.0.0.5' }, { portId: net }],
  });
  assert.throws(() => networkRequestOf([{ uuid: net, fixed_ip: '10.0.0.500' }], one), /Invalid fixed IP address/);
  assert.throws(() => networkRequestOf([{ port: net }], { networkService: true, maxCount: 2 }), /single configured port ID/);
  assert.throws(() => networkRequestOf([{ uuid: net, fixed_ip: '10.0.0.5' }], { networkService: true, maxCount: 3 }), /fixed_ip/);
  assert.throws(() => networkRequestOf([{ fixed_ip: '10.0.0.5' }], one), kind('bad_request'));
});

test('availability zones: nova, and nova:host for admins only', () => {
  assert.deepEqual(zoneOf(undefined, false), {});
  assert.deepEqual(zoneOf('nova', false), { zone: 'nova' });
  assert.deepEqual(zoneOf('nova:h1', true), { zone: 'nova', host: 'h1' });
  assert.throws(() => zoneOf('nova:h1', false), kind('forbidden'));
  assert.throws(() => zoneOf('elsewhere', true), kind('bad_request'));
});

test('the flavor must fit the image: status, min_ram, min_disk, size', () => {
  const flavor = { memoryMb: 512, rootGb: 1 };
  checkImageFits(image(), flavor);
  assert.throws(() => checkImageFits(image({ status: 'queued' }), flavor), /is not active/);
  assert.throws(() => checkImageFits(image({ minRamMb: 1024 }), flavor), /memory is too small/);
  assert.throws(() => checkImageFits(image({ minDiskGb: 2 }), flavor), /disk is too small/);
  assert.throws(() => checkImageFits(image({ size: 2 * 1024 ** 3 }), flavor), /Flavor disk is 1073741824 bytes, image is 2147483648 bytes/);
  checkImageFits(image({ size: 2 * 1024 ** 3 }), { memoryMb: 512, rootGb: 0 });
});

test('counts and names of a multiple create', () => {
  assert.deepEqual(countsOf({ name: 'x', flavorRef: '1' }), { min: 1, max: 1 });
  assert.deepEqual(countsOf({ name: 'x', flavorRef: '1', min_count: 2 }), { min: 2, max: 2 });
  assert.throws(() => countsOf({ name: 'x', flavorRef: '1', min_count: 3, max_count: 2 }), kind('bad_request'));
  assert.deepEqual(namesOf('web', 1), ['web']);
  assert.deepEqual(namesOf('web', 3), ['web-1', 'web-2', 'web-3']);
  assert.match(newReservationId(), /^r-[a-z0-9]{8}$/);
});

test('volumes and a missing image are refused', () => {
  const v = ApiVersion.parse('2.1');
  assert.throws(() => checkUnsupported({ name: 'x', flavorRef: '1', block_device_mapping_v2: [{}], imageRef: 'i' }, v), /not supported/);
  assert.throws(() => checkUnsupported({ name: 'x', flavorRef: '1' }, v), /Missing imageRef/);
});

test('the create schemas change where Nova changed them', () => {
  const body = (server: Record<string, unknown>) => ({ server: { name: 'x', imageRef: 'i', flavorRef: '1', ...server } });
  assert.equal(CREATE_SERVER_SCHEMAS['2.1'].safeParse(body({})).success, true);
  assert.equal(CREATE_SERVER_SCHEMAS['2.1'].safeParse(body({ description: 'd' })).success, false);
  assert.equal(CREATE_SERVER_SCHEMAS['2.19'].safeParse(body({ description: 'd' })).success, true);
  assert.equal(CREATE_SERVER_SCHEMAS['2.37'].safeParse(body({})).success, false, 'networks required');
  assert.equal(CREATE_SERVER_SCHEMAS['2.37'].safeParse(body({ networks: 'auto' })).success, true);
  assert.equal(CREATE_SERVER_SCHEMAS['2.52'].safeParse(body({ networks: 'none', personality: [] })).success, true);
  assert.equal(CREATE_SERVER_SCHEMAS['2.57'].safeParse(body({ networks: 'none', personality: [] })).success, false);
  assert.equal(CREATE_SERVER_SCHEMAS['2.74'].safeParse(body({ networks: 'none', host: 'h' })).success, true);
  assert.equal(CREATE_SERVER_SCHEMAS['2.1'].safeParse(body({ min_count: '2' })).success, true, 'counts as digit strings');
  assert.equal(CREATE_SERVER_SCHEMAS['2.1'].safeParse({ ...body({}), extra: 1 }).success, false);
});
