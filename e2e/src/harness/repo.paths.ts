import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root, found from this file (e2e/dist/harness/), not from the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The built `tinystack` command. */
export const CLI_MAIN = join(REPO_ROOT, 'apps/cli/dist/main.js');
