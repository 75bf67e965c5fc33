import 'server-only';
import { DashboardConfig, type DashboardSettings } from '../../server/dashboard.config.ts';

const KEY = Symbol.for('tinystack.dashboard.config');
const store = globalThis as typeof globalThis & { [KEY]?: DashboardSettings };

/** The dashboard's configuration, parsed once per process (the launcher already validated it). */
export function config(): DashboardSettings {
  return (store[KEY] ??= DashboardConfig.load());
}
