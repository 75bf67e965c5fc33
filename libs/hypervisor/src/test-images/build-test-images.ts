/**
 * Build (or reuse) the test guest images:
 *   node libs/hypervisor/dist/test-images/build-test-images.js [--dir DIR] [--no-linux]
 * Prints one JSON line per image (path, format, size, checksums).
 */
import {
  DEFAULT_TEST_IMAGES_DIR,
  ensureBootSectorImage,
  ensureBootSectorQcow2Image,
  ensureLinuxGuestImage,
  ensureLinuxNetGuestImage,
} from './test-images.js';

const args = process.argv.slice(2);
const at = args.indexOf('--dir');
const dir = at >= 0 && args[at + 1] ? args[at + 1] : DEFAULT_TEST_IMAGES_DIR;
const t0 = Date.now();
const images = [await ensureBootSectorImage(dir), await ensureBootSectorQcow2Image(dir)];
if (!args.includes('--no-linux')) {
  images.push(await ensureLinuxGuestImage(dir), await ensureLinuxNetGuestImage(dir));
}
for (const img of images) {
  process.stdout.write(`${JSON.stringify(img)}\n`);
}
process.stderr.write(`test images ready in ${dir} (${Date.now() - t0} ms)\n`);
