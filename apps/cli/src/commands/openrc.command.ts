import { existsSync, readFileSync } from 'node:fs';
import type { CliConfig } from '../cli.config.js';
import { renderOpenrc, writeOpenrc } from '../openrc.renderer.js';
import { loadOrCreateSecret } from '../secrets.store.js';
import type { Io } from './io.js';

/**
 * `tinystack openrc`: prints the openrc (the one `up` wrote, or one for the configured
 * ports when the cloud has not been started yet), and its path on stderr.
 */
export function openrcCommand(cfg: CliConfig, io: Io): number {
  const file = cfg.paths.openrcFile;
  if (!existsSync(file)) {
    const admin = loadOrCreateSecret(cfg.paths.adminPasswordFile, cfg.adminPassword);
    const port = cfg.ports.identity.http ?? 5000;
    writeOpenrc(
      file,
      renderOpenrc({ identityUrl: `http://${cfg.host}:${port}`, adminPassword: admin.value }),
    );
  }
  io.out(readFileSync(file, 'utf8').replace(/\n$/, ''));
  io.err(file);
  return 0;
}
