import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ConfigDriveData } from '../driver/guest.types.js';
import { hypervisorFailure } from '../driver/hypervisor.errors.js';
import { CONFIG_DRIVE_LABEL, configDriveFiles } from './config-drive.js';

const run = promisify(execFile);

/**
 * Writes the config drive as an ISO9660 image (Rock Ridge + Joliet, volume label config-2)
 * with genisoimage, as Nova does: files are staged in a temp dir next to `isoPath`, whose
 * names are fixed by the layout (no user input becomes a path).
 */
export async function writeConfigDriveIso(
  data: ConfigDriveData,
  isoPath: string,
  genisoimage = '/usr/bin/genisoimage',
): Promise<void> {
  const staging = await mkdtemp(join(dirname(isoPath), '.config-drive-'));
  try {
    for (const [rel, content] of configDriveFiles(data)) {
      const file = join(staging, rel);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    const args = ['-o', isoPath, '-ldots', '-allow-lowercase', '-allow-multidot', '-l'];
    args.push('-publisher', 'tinystack', '-quiet', '-J', '-r', '-V', CONFIG_DRIVE_LABEL, staging);
    await run(genisoimage, args, { timeout: 60_000 });
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw hypervisorFailure(`building the config drive failed: ${(e.stderr ?? e.message).trim()}`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
