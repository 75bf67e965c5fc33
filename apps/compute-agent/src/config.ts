import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  commonConfig,
  ConfigError,
  defineConfig,
  duration,
  hostPort,
  identityClientConfig,
  oneOf,
  optionalStr,
  port,
  str,
  type ConfigOf,
  type Field,
} from '@tinystack/config';

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** The agent's host name: also a directory name, so a strict character set. */
const hostName = (opts: { help: string; default: string }): Field<string> => {
  const base = str(opts);
  return {
    help: opts.help,
    parse(raw, env) {
      const v = base.parse(raw, env);
      if (!HOST_NAME.test(v)) {
        throw new Error('must be 1-63 letters, digits, dots, dashes or underscores');
      }
      return v;
    },
  };
};

/** Every variable the compute agent reads (docs/compute-host.md). */
export const computeAgentConfigSpec = {
  ...commonConfig,
  ...identityClientConfig,
  COMPUTE_AGENT_GRPC_PORT: port({
    help: 'Port of the agent gRPC server (compute calls it)',
    default: 50055,
  }),
  COMPUTE_AGENT_HTTP_PORT: port({ help: 'Port of GET /healthz', default: 8775 }),
  COMPUTE_AGENT_HOST_NAME: hostName({
    help: "This hypervisor host's name, unique per agent",
    default: hostname().split('.')[0] || 'localhost',
  }),
  COMPUTE_AGENT_ADVERTISE_URL: optionalStr({
    help: 'host:port compute uses to reach this agent; default 127.0.0.1:<grpc port>',
  }),
  COMPUTE_GRPC_URL: hostPort({
    help: 'host:port of the compute gRPC server',
    default: '127.0.0.1:50054',
  }),
  IMAGE_GRPC_URL: hostPort({
    help: 'host:port of the image gRPC server',
    default: '127.0.0.1:50052',
  }),
  LIBVIRT_URI: str({ help: 'libvirt connection URI', default: 'qemu:///system' }),
  COMPUTE_AGENT_VIRT_TYPE: oneOf(['auto', 'kvm', 'qemu'], {
    help: 'Domain type: kvm, qemu (TCG) or auto (kvm when available)',
    default: 'auto',
  }),
  COMPUTE_AGENT_CPU_MODE: oneOf(['default', 'host-model', 'host-passthrough'], {
    help: 'CPU model of kvm guests (default: the hypervisor default model)',
    default: 'default',
  }),
  COMPUTE_AGENT_GUEST_USER: oneOf(['auto', 'libvirt', 'agent'], {
    help: "Who QEMU runs as: libvirt's qemu user, the agent's user, or auto (libvirt's when it can reach the state directory)",
    default: 'auto',
  }),
  NETWORK_GRPC_URL: optionalStr({
    help: "host:port of the network gRPC server: this host's bridges, routers, security groups and floating IPs follow it; unset = none",
  }),
  COMPUTE_AGENT_NETWORK: optionalStr({
    help: 'libvirt network guests with network mode auto join; unset = no NIC',
  }),
  COMPUTE_AGENT_SHUTDOWN_TIMEOUT: duration({
    help: 'How long a guest gets to shut down before it is powered off',
    default: 60_000,
  }),
  COMPUTE_AGENT_REBOOT_TIMEOUT: duration({
    help: 'How long a soft reboot waits for the guest before resetting it',
    default: 60_000,
  }),
  COMPUTE_AGENT_HEARTBEAT_INTERVAL: duration({
    help: 'Heartbeat interval until compute names one',
    default: 10_000,
  }),
};

export const computeAgentConfig = defineConfig(computeAgentConfigSpec);

export type ComputeAgentConfig = ConfigOf<typeof computeAgentConfigSpec>;

/** Nest injection token of the frozen {@link ComputeAgentConfig}. */
export const AGENT_CONFIG = Symbol('AGENT_CONFIG');

/** `<data dir>/compute-agent-<host>`: base images, instances, snapshots. */
export function stateDirOf(cfg: ComputeAgentConfig): string {
  return join(cfg.TINYSTACK_DATA_DIR, `compute-agent-${cfg.COMPUTE_AGENT_HOST_NAME}`);
}

/** host:port compute reaches us at. */
export function advertiseUrlOf(
  cfg: ComputeAgentConfig,
  grpcPort = cfg.COMPUTE_AGENT_GRPC_PORT,
): string {
  return cfg.COMPUTE_AGENT_ADVERTISE_URL ?? `127.0.0.1:${grpcPort}`;
}

/** The validated config of an entry point (main, purge): every problem on stderr, exit 2. */
export function loadConfigOrExit(): ComputeAgentConfig {
  try {
    return computeAgentConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`compute-agent: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
