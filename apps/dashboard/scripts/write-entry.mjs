#!/usr/bin/env node
// Last step of `nx run dashboard:build`: writes dist/main.js, the entry `tinystack up`
// starts, only once both halves exist: dist/server/start.js (tsc -b apps/dashboard) and
// the Next.js production build (.next/BUILD_ID). `up` treats a service as built when its
// entry exists, so a half-built dashboard never joins a cloud.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const needed of ['dist/server/start.js', '.next/BUILD_ID']) {
  if (!existsSync(join(app, needed))) {
    console.error(
      `dashboard: ${needed} is missing; run tsc -b apps/dashboard and next build apps/dashboard first`,
    );
    process.exit(1);
  }
}
writeFileSync(
  join(app, 'dist', 'main.js'),
  "// Written by apps/dashboard/scripts/write-entry.mjs after `next build`.\nimport { startDashboard } from './server/start.js';\n\nawait startDashboard();\n",
);
console.log('dashboard: wrote dist/main.js');
