export * from './cloud.harness.js';
export * from './free-ports.js';
export * from './openstack.cli.js';
export * from './repo.paths.js';
export * from './tinystack.cli.js';
