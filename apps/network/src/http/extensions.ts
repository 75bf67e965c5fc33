/**
 * The API extensions this service implements, by the aliases clients probe
 * (openstacksdk's `_has_neutron_extension`, python-openstackclient's feature checks).
 * List only what works: a client that sees an alias uses it.
 */
export interface Extension {
  readonly alias: string;
  readonly name: string;
  readonly description: string;
}

export const EXTENSIONS: readonly Extension[] = [
  { alias: 'external-net', name: 'Neutron external network', description: 'Adds external network attribute to network resource.' },
  { alias: 'router', name: 'Neutron L3 Router', description: 'Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external networks via a NAT gateway.' },
  { alias: 'ext-gw-mode', name: 'Neutron L3 Configurable external gateway mode', description: 'Extension of the router abstraction for specifying whether SNAT should occur on the external gateway' },
  { alias: 'security-group', name: 'security-group', description: 'The security groups extension.' },
  { alias: 'stateful-security-group', name: 'Stateful security group', description: 'Indicates if the security group is stateful or not' },
  { alias: 'quotas', name: 'Quota management support', description: 'Expose functions for quotas management per tenant' },
  { alias: 'quota_details', name: 'Quota details management support', description: 'Expose functions for quotas usage statistics per project' },
  { alias: 'binding', name: 'Port Binding', description: 'Expose port bindings of a virtual port to external application' },
  { alias: 'port-security', name: 'Port Security', description: 'Provides port security' },
  { alias: 'auto-allocated-topology', name: 'Auto Allocated Topology Services', description: 'Auto Allocated Topology Services.' },
  { alias: 'network-mtu', name: 'Network MTU', description: 'Provides MTU attribute for a network resource.' },
  { alias: 'standard-attr-description', name: 'standard-attr-description', description: 'Extension to add descriptions to standard attributes' },
  { alias: 'standard-attr-timestamp', name: 'Resource timestamps', description: 'Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.' },
  { alias: 'standard-attr-revisions', name: 'Resource revision numbers', description: 'This extension will display the revision number of neutron resources.' },
  { alias: 'project-id', name: 'project_id field enabled', description: 'Extension that indicates that project_id field is enabled.' },
  { alias: 'pagination', name: 'Pagination support', description: 'Extension that indicates that pagination is enabled.' },
  { alias: 'sorting', name: 'Sorting support', description: 'Extension that indicates that sorting is enabled.' },
  { alias: 'fip-port-details', name: 'Floating IP Port Details Extension', description: 'Add port_details attribute to Floating IP resource' },
];

export function extensionView(e: Extension) {
  return { alias: e.alias, name: e.name, description: e.description, updated: '2013-01-01T10:00:00-00:00', links: [] as unknown[] };
}
