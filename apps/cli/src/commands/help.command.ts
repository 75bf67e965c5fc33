import { describeCliEnv } from '../cli.config.js';
import type { Io } from './io.js';

export const USAGE = `Usage: tinystack <command> [options]

Commands:
  up              start every built service in dependency order, wait until each is
                  healthy, print the URLs, the admin credentials and the openrc path,
                  then supervise them in the foreground until Ctrl-C (or \`down\`)
  down            stop the cloud \`up\` runs on this data directory, and wait for it
  status [--json] each service's pid, ports and health (exit 1 if any is down)
  openrc          print the openrc for the openstack CLI (its path goes to stderr)
  reset [--yes]   remove the cloud's libvirt guests and host networking, then delete
                  the data directory (refused while the cloud runs; asks for
                  confirmation on a terminal unless --yes)
  help            this text

Files (under the data directory): run/cloud.json (the running cloud), logs/<service>.log,
admin-password and service-password (generated once, mode 600), openrc.`;

/** `tinystack help`: usage and every environment variable the CLI reads. */
export function helpCommand(io: Io): number {
  io.out(USAGE);
  io.out('');
  io.out('Environment:');
  for (const line of describeCliEnv().split('\n')) {
    const [name, help] = line.split('\t');
    io.out(`  ${(name ?? '').padEnd(28)} ${help ?? ''}`);
  }
  return 0;
}
