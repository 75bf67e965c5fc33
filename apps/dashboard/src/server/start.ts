import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nextModule from 'next';
import { ConfigError } from '@tinystack/config';
import { DashboardConfig, type DashboardSettings } from './dashboard.config.js';

/** `next` is CommonJS (`module.exports = createServer`); its types describe an ES default export. */
const createNextServer = nextModule as unknown as typeof import('next/dist/server/next.js').default;

/** apps/dashboard, the Next.js project directory (this file runs from dist/server/). */
const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function log(level: 'info' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
  const line = {
    level,
    time: new Date().toISOString(),
    service: 'dashboard',
    pid: process.pid,
    msg,
    ...extra,
  };
  (level === 'error' ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
}

function loadConfig(): DashboardSettings {
  try {
    return DashboardConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      log('error', err.message);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * The dashboard process: `node apps/dashboard/dist/main.js`. Serves the production build
 * in `.next/` on TINYSTACK_BIND_HOST:DASHBOARD_HTTP_PORT and stops cleanly on SIGTERM/SIGINT.
 */
export async function startDashboard(): Promise<void> {
  const cfg = loadConfig();
  if (!existsSync(join(APP_DIR, '.next', 'BUILD_ID'))) {
    log(
      'error',
      'The dashboard is not built: run `npx nx run dashboard:build` (next build apps/dashboard).',
    );
    process.exit(1);
  }
  const app = createNextServer({
    dev: false,
    dir: APP_DIR,
    hostname: cfg.TINYSTACK_BIND_HOST,
    port: cfg.DASHBOARD_HTTP_PORT,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(cfg.DASHBOARD_HTTP_PORT, cfg.TINYSTACK_BIND_HOST, ok);
  });
  log('info', 'dashboard listening', {
    url: `http://${cfg.TINYSTACK_BIND_HOST}:${cfg.DASHBOARD_HTTP_PORT}`,
  });
  const stop = (signal: string) => {
    log('info', 'stopping', { signal });
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
