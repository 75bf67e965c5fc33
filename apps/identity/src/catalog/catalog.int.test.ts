// Medium test: regions, services and endpoints, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startHarness, type Harness } from '../testing/identity-harness.js';

for (const dialect of testDialects()) {
  describe(`catalog (${dialect})`, () => {
    let h: Harness;
    let admin: string;

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
    });
    after(() => h.close());

    test('regions, services and endpoints', async () => {
      const reg = await h.request('POST', '/v3/regions', {
        token: admin,
        body: { region: { id: 'RegionTwo', description: 'two' } },
      });
      assert.equal(reg.status, 201);
      assert.equal(
        (
          await h.request('POST', '/v3/regions', {
            token: admin,
            body: { region: { id: 'RegionTwo' } },
          })
        ).status,
        409,
      );
      const svc = (
        await h.request('POST', '/v3/services', {
          token: admin,
          body: { service: { type: 'volume', name: 'cinder' } },
        })
      ).body.service;
      const ep = await h.request('POST', '/v3/endpoints', {
        token: admin,
        body: {
          endpoint: {
            service_id: svc.id,
            interface: 'public',
            url: 'http://127.0.0.1:8776/v3/$(project_id)s',
            region: 'RegionTwo',
          },
        },
      });
      assert.equal(ep.status, 201);
      assert.equal(ep.body.endpoint.region_id, 'RegionTwo');
      assert.equal(
        (
          await h.request('POST', '/v3/endpoints', {
            token: admin,
            body: { endpoint: { service_id: svc.id, interface: 'bogus', url: 'http://x' } },
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await h.request('POST', '/v3/endpoints', {
            token: admin,
            body: { endpoint: { service_id: svc.id, interface: 'public', url: 'not a url' } },
          })
        ).status,
        400,
      );
      assert.equal(
        (await h.request('GET', `/v3/endpoints?service_id=${svc.id}`, { token: admin })).body
          .endpoints.length,
        1,
      );
      assert.equal(
        (await h.request('GET', '/v3/services?type=volume', { token: admin })).body.services.length,
        1,
      );
      assert.equal(
        (await h.request('DELETE', '/v3/regions/RegionTwo', { token: admin })).status,
        409,
      );
      assert.equal(
        (await h.request('DELETE', `/v3/services/${svc.id}`, { token: admin })).status,
        204,
      );
      assert.equal(
        (await h.request('DELETE', '/v3/regions/RegionTwo', { token: admin })).status,
        204,
      );
    });
  });
}
