// `node apps/compute-agent/dist/purge.js`: removes this agent's guests and host networking
// (see AgentPurge), with the agent stopped. Same environment as the agent; the report goes
// to stdout a line per thing removed, logs to stderr. Exit 0 once nothing of it is left.
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { createRootLogger } from '@tinystack/logging';
import { loadConfigOrExit, stateDirOf } from './config.js';
import { HostWiring } from './host-network/host-wiring.js';
import { agentTagOf } from './host-network/names.js';
import { createDriver } from './hypervisor/hypervisor.module.js';
import { AgentPurge, firstMissingDir, NO_IMAGES, purgeLines } from './purge/agent-purge.service.js';

const config = loadConfigOrExit();
createRootLogger({ service: 'compute-agent-purge', level: config.TINYSTACK_LOG_LEVEL, destination: 2 });
const created = firstMissingDir(stateDirOf(config));
const purge = new AgentPurge(createDriver(config, NO_IMAGES), new HostWiring(agentTagOf(config.COMPUTE_AGENT_HOST_NAME)));
const report = await purge.run();
if (created) {
  rmSync(created, { recursive: true, force: true });
}
const lines = purgeLines(report);
process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'nothing to remove\n');
process.exit(report.failures.length > 0 ? 1 : 0);
