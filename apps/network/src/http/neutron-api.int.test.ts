import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startTestNetwork, type TestNetwork } from '../testing/test-network.js';

/** The Neutron API over real HTTP, on SQLite and PostgreSQL: shapes, rules and errors clients rely on. */
for (const dialect of testDialects()) {
  describe(`network API on ${dialect}`, () => {
    let t: TestNetwork;
    before(async () => {
      t = await startTestNetwork(dialect);
    });
    after(() => t.close());

    const create = async (token: string, collection: string, member: string, body: Record<string, unknown>) => {
      const res = await t.call('POST', `/v2.0/${collection}`, token, { [member]: body });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body[member];
    };

    test('version discovery and the extension list need no surprises', async () => {
      const root = await t.call('GET', '/', undefined);
      assert.equal(root.status, 200);
      assert.deepEqual(root.body.versions[0], { id: 'v2.0', status: 'CURRENT', links: [{ href: 'http://network.test:9696/v2.0/', rel: 'self' }] });
      const exts = await t.call('GET', '/v2.0/extensions', t.tokens.member('p-ext'));
      const aliases = exts.body.extensions.map((e: { alias: string }) => e.alias);
      for (const a of ['external-net', 'router', 'security-group', 'quotas', 'auto-allocated-topology', 'binding']) {
        assert.ok(aliases.includes(a), a);
      }
      assert.equal((await t.call('GET', '/v2.0/extensions/router', t.tokens.member('p-ext'))).body.extension.alias, 'router');
      const none = await t.call('GET', '/v2.0/networks', undefined);
      assert.equal(none.status, 401);
    });

    test('the default external network exists at start, is visible to every project and owned by the service project', async () => {
      const res = await t.call('GET', '/v2.0/networks?router:external=true', t.tokens.member('p-any'));
      assert.equal(res.body.networks.length, 1);
      const pub = res.body.networks[0];
      assert.equal(pub.name, 'public');
      assert.equal(pub.is_default, true);
      assert.equal(pub.project_id, 'service');
      const subnet = (await t.call('GET', `/v2.0/subnets/${pub.subnets[0]}`, t.tokens.member('p-any'))).body.subnet;
      assert.equal(subnet.cidr, '127.42.0.0/24');
    });

    test('networks: private to their project, shared ones visible; only admins share; errors carry NeutronError types', async () => {
      const a = t.tokens.member('p-a');
      const b = t.tokens.member('p-b');
      const net = await create(a, 'networks', 'network', { name: 'a-net' });
      assert.equal(net.status, 'ACTIVE');
      assert.equal(net.tenant_id, 'p-a');
      assert.equal(net.admin_state_up, true);
      assert.deepEqual(net.subnets, []);
      const hidden = await t.call('GET', `/v2.0/networks/${net.id}`, b);
      assert.equal(hidden.status, 404);
      assert.deepEqual(hidden.body, { NeutronError: { type: 'NetworkNotFound', message: `Network ${net.id} could not be found.`, detail: '' } });
      const shared = await t.call('POST', '/v2.0/networks', a, { network: { name: 's', shared: true } });
      assert.equal(shared.status, 403);
      assert.equal(shared.body.NeutronError.type, 'PolicyNotAuthorized');
      const adminShared = await create(t.tokens.admin('p-admin'), 'networks', 'network', { name: 'shared-net', shared: true });
      const seenByB = (await t.call('GET', '/v2.0/networks', b)).body.networks.map((n: { id: string }) => n.id);
      assert.ok(seenByB.includes(adminShared.id));
      assert.ok(!seenByB.includes(net.id));
      const unknown = await t.call('POST', '/v2.0/networks', a, { network: { name: 'x', colour: 'blue' } });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.NeutronError.message, /colour/);
      const renamed = await t.call('PUT', `/v2.0/networks/${net.id}`, a, { network: { name: 'renamed' } });
      assert.equal(renamed.body.network.name, 'renamed');
      assert.equal(renamed.body.network.revision_number, 1);
      assert.equal((await t.call('PUT', `/v2.0/networks/${net.id}`, b, { network: { name: 'stolen' } })).status, 404);
    });

    test('subnets and ports: IPAM defaults, explicit addresses, duplicates and in-use refusals', async () => {
      const p = t.tokens.member('p-ipam');
      const net = await create(p, 'networks', 'network', { name: 'n' });
      const sub = await create(p, 'subnets', 'subnet', { network_id: net.id, cidr: '10.9.0.0/29', ip_version: 4 });
      assert.equal(sub.gateway_ip, '10.9.0.1');
      assert.deepEqual(sub.allocation_pools, [{ start: '10.9.0.2', end: '10.9.0.6' }]);
      assert.equal(sub.enable_dhcp, true);
      const hostBits = await t.call('POST', '/v2.0/subnets', p, { subnet: { network_id: net.id, cidr: '10.8.0.5/24', ip_version: 4 } });
      assert.equal(hostBits.status, 400);
      assert.match(hostBits.body.NeutronError.message, /'10\.8\.0\.0\/24' is recommended/);
      const overlap = await t.call('POST', '/v2.0/subnets', p, { subnet: { network_id: net.id, cidr: '10.9.0.0/24', ip_version: 4 } });
      assert.equal(overlap.status, 400);
      assert.match(overlap.body.NeutronError.message, /overlaps with another subnet/);
      assert.equal((await t.call('POST', '/v2.0/subnets', p, { subnet: { network_id: net.id, cidr: '2001:db8::/64', ip_version: 6 } })).status, 400);

      const p1 = await create(p, 'ports', 'port', { network_id: net.id, name: 'first' });
      assert.deepEqual(p1.fixed_ips, [{ subnet_id: sub.id, ip_address: '10.9.0.2' }]);
      assert.match(p1.mac_address, /^fa:16:3e(:[0-9a-f]{2}){3}$/);
      assert.equal(p1.status, 'DOWN');
      assert.equal(p1.security_groups.length, 1, 'the default group');
      const fixed = await create(p, 'ports', 'port', { network_id: net.id, fixed_ips: [{ ip_address: '10.9.0.5' }] });
      assert.equal(fixed.fixed_ips[0].ip_address, '10.9.0.5');
      const dup = await t.call('POST', '/v2.0/ports', p, { port: { network_id: net.id, fixed_ips: [{ ip_address: '10.9.0.5' }] } });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.NeutronError.type, 'IpAddressAlreadyAllocated');
      const outside = await t.call('POST', '/v2.0/ports', p, { port: { network_id: net.id, fixed_ips: [{ subnet_id: sub.id, ip_address: '10.10.0.5' }] } });
      assert.equal(outside.status, 400);
      // 10.9.0.3, .4, .6 remain; then the pool is exhausted
      for (const want of ['10.9.0.3', '10.9.0.4', '10.9.0.6']) {
        assert.equal((await create(p, 'ports', 'port', { network_id: net.id })).fixed_ips[0].ip_address, want);
      }
      const full = await t.call('POST', '/v2.0/ports', p, { port: { network_id: net.id } });
      assert.equal(full.status, 409);
      assert.equal(full.body.NeutronError.type, 'IpAddressGenerationFailure');
      const byIp = await t.call('GET', '/v2.0/ports?fixed_ips=ip_address%3D10.9.0.5', p);
      assert.deepEqual(byIp.body.ports.map((x: { id: string }) => x.id), [fixed.id]);
      assert.equal((await t.call('DELETE', `/v2.0/subnets/${sub.id}`, p)).status, 409);
      assert.equal((await t.call('DELETE', `/v2.0/networks/${net.id}`, p)).body.NeutronError.type, 'NetworkInUse');
      assert.equal((await t.call('DELETE', `/v2.0/ports/${fixed.id}`, p)).status, 204);
      assert.equal((await create(p, 'ports', 'port', { network_id: net.id })).fixed_ips[0].ip_address, '10.9.0.5', 'a freed address is reused');
      for (const port of (await t.call('GET', `/v2.0/ports?network_id=${net.id}`, p)).body.ports) {
        assert.equal((await t.call('DELETE', `/v2.0/ports/${port.id}`, p)).status, 204);
      }
      assert.equal((await t.call('DELETE', `/v2.0/networks/${net.id}`, p)).status, 204);
      assert.equal((await t.call('GET', `/v2.0/subnets/${sub.id}`, p)).status, 404, 'the subnet went with its network');
    });

    test('security groups: the default group and its rules, duplicates, bad ranges, in-use groups', async () => {
      const p = t.tokens.member('p-sg');
      const groups = (await t.call('GET', '/v2.0/security-groups', p)).body.security_groups;
      assert.equal(groups.length, 1);
      const def = groups[0];
      assert.equal(def.name, 'default');
      const rules = def.security_group_rules.map((r: { direction: string; ethertype: string; remote_group_id: string | null }) => `${r.direction}/${r.ethertype}/${r.remote_group_id === def.id ? 'self' : 'any'}`).sort();
      assert.deepEqual(rules, ['egress/IPv4/any', 'egress/IPv6/any', 'ingress/IPv4/self', 'ingress/IPv6/self']);
      const web = await create(p, 'security-groups', 'security_group', { name: 'web' });
      assert.equal(web.security_group_rules.length, 2, 'a new group allows all egress');
      const ssh = { security_group_id: web.id, direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' };
      const rule = await create(p, 'security-group-rules', 'security_group_rule', ssh);
      assert.equal(rule.ethertype, 'IPv4');
      const again = await t.call('POST', '/v2.0/security-group-rules', p, { security_group_rule: ssh });
      assert.equal(again.status, 409);
      assert.equal(again.body.NeutronError.message, `Security group rule already exists. Rule id is ${rule.id}.`);
      const bad = await t.call('POST', '/v2.0/security-group-rules', p, { security_group_rule: { ...ssh, port_range_min: 30, port_range_max: 20 } });
      assert.equal(bad.status, 400);
      const noProto = await t.call('POST', '/v2.0/security-group-rules', p, { security_group_rule: { security_group_id: web.id, direction: 'ingress', port_range_min: 80 } });
      assert.equal(noProto.status, 400);
      assert.equal((await t.call('DELETE', `/v2.0/security-groups/${def.id}`, p)).body.NeutronError.type, 'SecurityGroupCannotRemoveDefault');
      const net = await create(p, 'networks', 'network', {});
      await create(p, 'subnets', 'subnet', { network_id: net.id, cidr: '10.7.0.0/24', ip_version: 4 });
      const port = await create(p, 'ports', 'port', { network_id: net.id, security_groups: [web.id] });
      assert.deepEqual(port.security_groups, [web.id]);
      assert.equal((await t.call('DELETE', `/v2.0/security-groups/${web.id}`, p)).body.NeutronError.type, 'SecurityGroupInUse');
      const other = await t.call('POST', '/v2.0/ports', t.tokens.member('p-other'), { port: { network_id: net.id } });
      assert.equal(other.status, 404, "another project's private network is not there for it");
      assert.equal((await t.call('DELETE', `/v2.0/security-group-rules/${rule.id}`, p)).status, 204);
      assert.equal((await t.call('GET', `/v2.0/security-groups/${web.id}`, p)).body.security_group.security_group_rules.length, 2);
    });

    test('routers and floating IPs: reachability through a router, association, and what they block', async () => {
      const p = t.tokens.member('p-fip');
      const pub = (await t.call('GET', '/v2.0/networks?name=public', p)).body.networks[0];
      const net = await create(p, 'networks', 'network', {});
      const sub = await create(p, 'subnets', 'subnet', { network_id: net.id, cidr: '10.6.0.0/24', ip_version: 4 });
      const port = await create(p, 'ports', 'port', { network_id: net.id });
      const fip = await create(p, 'floatingips', 'floatingip', { floating_network_id: pub.id });
      assert.match(fip.floating_ip_address, /^127\.42\.0\.\d+$/);
      assert.equal(fip.status, 'DOWN');
      const unreachable = await t.call('PUT', `/v2.0/floatingips/${fip.id}`, p, { floatingip: { port_id: port.id } });
      assert.equal(unreachable.status, 404);
      assert.equal(unreachable.body.NeutronError.type, 'ExternalGatewayForFloatingIPNotFound');
      const router = await create(p, 'routers', 'router', { name: 'r', external_gateway_info: { network_id: pub.id } });
      assert.equal(router.external_gateway_info.network_id, pub.id);
      assert.match(router.external_gateway_info.external_fixed_ips[0].ip_address, /^127\.42\.0\.\d+$/);
      const iface = await t.call('PUT', `/v2.0/routers/${router.id}/add_router_interface`, p, { subnet_id: sub.id });
      assert.equal(iface.status, 200);
      assert.equal(iface.body.subnet_id, sub.id);
      const ifacePort = (await t.call('GET', `/v2.0/ports/${iface.body.port_id}`, p)).body.port;
      assert.equal(ifacePort.fixed_ips[0].ip_address, '10.6.0.1', 'the interface takes the gateway address');
      assert.equal(ifacePort.device_owner, 'network:router_interface');
      assert.equal((await t.call('DELETE', `/v2.0/ports/${ifacePort.id}`, p)).body.NeutronError.type, 'L3PortInUse');
      const assoc = await t.call('PUT', `/v2.0/floatingips/${fip.id}`, p, { floatingip: { port_id: port.id } });
      assert.equal(assoc.status, 200);
      assert.equal(assoc.body.floatingip.fixed_ip_address, port.fixed_ips[0].ip_address);
      assert.equal(assoc.body.floatingip.router_id, router.id);
      assert.equal(assoc.body.floatingip.status, 'ACTIVE');
      assert.equal(assoc.body.floatingip.port_details.mac_address, port.mac_address);
      const second = await t.call('POST', '/v2.0/floatingips', p, { floatingip: { floating_network_id: pub.id, port_id: port.id } });
      assert.equal(second.body.NeutronError.type, 'FloatingIPPortAlreadyAssociated');
      assert.equal((await t.call('PUT', `/v2.0/routers/${router.id}/remove_router_interface`, p, { subnet_id: sub.id })).body.NeutronError.type, 'RouterInterfaceInUseByFloatingIP');
      assert.equal((await t.call('PUT', `/v2.0/routers/${router.id}`, p, { router: { external_gateway_info: null } })).status, 409);
      assert.equal((await t.call('DELETE', `/v2.0/routers/${router.id}`, p)).body.NeutronError.type, 'RouterInUse');
      assert.equal((await t.call('DELETE', `/v2.0/ports/${port.id}`, p)).status, 204);
      const freed = (await t.call('GET', `/v2.0/floatingips/${fip.id}`, p)).body.floatingip;
      assert.equal(freed.port_id, null, "deleting the port disassociates its floating IP");
      assert.equal(freed.status, 'DOWN');
      assert.equal((await t.call('PUT', `/v2.0/routers/${router.id}/remove_router_interface`, p, { subnet_id: sub.id })).status, 200);
      assert.equal((await t.call('DELETE', `/v2.0/floatingips/${fip.id}`, p)).status, 204);
      assert.equal((await t.call('DELETE', `/v2.0/routers/${router.id}`, p)).status, 204);
      const leftovers = (await t.call('GET', `/v2.0/ports?network_id=${pub.id}`, t.tokens.admin())).body.ports;
      assert.deepEqual(leftovers, [], 'gateway and floating IP ports went with their owners');
    });

    test('quotas: limits refuse with OverQuota, details.json counts usage, only admins change them', async () => {
      const p = t.tokens.member('p-quota');
      assert.equal((await t.call('PUT', '/v2.0/quotas/p-quota', p, { quota: { network: 1 } })).status, 403);
      const set = await t.call('PUT', '/v2.0/quotas/p-quota', t.tokens.admin(), { quota: { network: 1, force: true } });
      assert.equal(set.status, 200, 'openstack quota set --force sends force: true');
      assert.equal(set.body.quota.network, 1);
      await create(p, 'networks', 'network', {});
      const over = await t.call('POST', '/v2.0/networks', p, { network: {} });
      assert.equal(over.status, 409);
      assert.deepEqual(over.body.NeutronError, { type: 'OverQuota', message: "Quota exceeded for resources: ['network'].", detail: '' });
      const details = await t.call('GET', '/v2.0/quotas/p-quota/details.json', p);
      assert.deepEqual(details.body.quota.network, { limit: 1, used: 1, reserved: 0 });
      assert.equal((await t.call('GET', '/v2.0/quotas/p-other', p)).status, 403);
      assert.equal((await t.call('DELETE', '/v2.0/quotas/p-quota', t.tokens.admin())).status, 204);
      assert.equal((await t.call('GET', '/v2.0/quotas/p-quota', p)).body.quota.network, 100);
    });

    test('get-me-a-network: the first call makes network, subnet and router; later calls return the same network', async () => {
      const p = t.tokens.member('p-auto');
      const first = await t.call('GET', '/v2.0/auto-allocated-topology/p-auto', p);
      assert.equal(first.status, 200);
      const id = first.body.auto_allocated_topology.id;
      assert.equal((await t.call('GET', '/v2.0/auto-allocated-topology/p-auto', p)).body.auto_allocated_topology.id, id);
      const net = (await t.call('GET', `/v2.0/networks/${id}`, p)).body.network;
      assert.equal(net.name, 'auto_allocated_network');
      const sub = (await t.call('GET', `/v2.0/subnets/${net.subnets[0]}`, p)).body.subnet;
      assert.equal(sub.cidr, '10.0.0.0/24');
      const routers = (await t.call('GET', '/v2.0/routers', p)).body.routers;
      assert.equal(routers.length, 1);
      assert.ok(routers[0].external_gateway_info);
      assert.equal((await t.call('GET', '/v2.0/auto-allocated-topology/p-someone-else', p)).status, 403);
      assert.equal((await t.call('DELETE', '/v2.0/auto-allocated-topology/p-auto', p)).status, 204);
      assert.equal((await t.call('GET', `/v2.0/networks/${id}`, p)).status, 404);
    });

    test('lists: filters, sort, limit/marker with a next link, fields', async () => {
      const p = t.tokens.member('p-list');
      for (const name of ['c', 'a', 'b']) {
        await create(p, 'networks', 'network', { name });
      }
      const mine = '&project_id=p-list';
      const sorted = await t.call('GET', `/v2.0/networks?sort_key=name&sort_dir=asc${mine}`, p);
      assert.deepEqual(sorted.body.networks.map((n: { name: string }) => n.name), ['a', 'b', 'c']);
      const page1 = await t.call('GET', `/v2.0/networks?sort_key=name&limit=2${mine}`, p);
      assert.deepEqual(page1.body.networks.map((n: { name: string }) => n.name), ['a', 'b']);
      const next = new URL(page1.body.networks_links[0].href);
      assert.equal(next.origin, 'http://network.test:9696');
      const page2 = await t.call('GET', `${next.pathname}${next.search}`, p);
      assert.deepEqual(page2.body.networks.map((n: { name: string }) => n.name), ['c']);
      assert.equal(page2.body.networks_links, undefined);
      const fields = await t.call('GET', `/v2.0/networks?name=b&fields=id&fields=name${mine}`, p);
      assert.deepEqual(Object.keys(fields.body.networks[0]).sort(), ['id', 'name']);
      assert.equal((await t.call('GET', '/v2.0/networks?sort_dir=sideways', p)).status, 400);
    });
  });
}
