import { createHash, randomBytes, type Hash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loggerFor } from '@tinystack/logging';
import type { DiskFormat, ImageChecksum } from '../driver/guest.types.js';
import { assertUuid } from '../driver/guest-spec.validation.js';
import { invalidGuestSpec } from '../driver/hypervisor.errors.js';
import { assertSafeImage, type QemuImg } from '../disk/qemu-img.js';
import type { ImageSource } from './image-source.js';

/** A base image ready to back guest disks. */
export interface CachedImage {
  readonly path: string;
  readonly format: DiskFormat;
  readonly virtualSize: number;
}

interface Manifest extends CachedImage {
  readonly checksums: ImageChecksum[];
  readonly fetchedAt: string;
}

/**
 * The host's cache of base images (Nova's libvirt imagecache): each image is fetched once,
 * hashed while it streams to a temp file, checked against every checksum we were given,
 * inspected (raw or qcow2, no backing file, declared format = real format), fsynced and
 * renamed into place; a manifest beside it marks it complete. Concurrent requests for one
 * image share one download. Files are named by the image UUID only.
 */
export class BaseImageCache {
  private readonly log = loggerFor('BaseImageCache');
  private readonly inflight = new Map<string, Promise<CachedImage>>();

  constructor(
    readonly dir: string,
    private readonly source: ImageSource,
    private readonly qemuImg: QemuImg,
  ) {}

  private paths(imageId: string) {
    return { data: join(this.dir, imageId), manifest: join(this.dir, `${imageId}.json`) };
  }

  /** The cached image, fetching it first when absent. */
  ensure(
    imageId: string,
    expected: readonly ImageChecksum[] = [],
    signal?: AbortSignal,
  ): Promise<CachedImage> {
    try {
      assertUuid(imageId, 'image id');
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    let p = this.inflight.get(imageId);
    if (!p) {
      p = this.lookupOrFetch(imageId, expected, signal).finally(() =>
        this.inflight.delete(imageId),
      );
      this.inflight.set(imageId, p);
    }
    return p;
  }

  private async lookupOrFetch(
    imageId: string,
    expected: readonly ImageChecksum[],
    signal?: AbortSignal,
  ): Promise<CachedImage> {
    const cached = await this.readManifest(imageId);
    if (cached) {
      assertChecksumsAgree(cached.checksums, expected);
      return { path: cached.path, format: cached.format, virtualSize: cached.virtualSize };
    }
    return this.fetch(imageId, expected, signal);
  }

  private async readManifest(imageId: string): Promise<Manifest | undefined> {
    const { data, manifest } = this.paths(imageId);
    try {
      const m = JSON.parse(await readFile(manifest, 'utf8')) as Manifest;
      await stat(data);
      return { ...m, path: data };
    } catch {
      return undefined;
    }
  }

  private async fetch(
    imageId: string,
    expected: readonly ImageChecksum[],
    signal?: AbortSignal,
  ): Promise<CachedImage> {
    const t0 = Date.now();
    await mkdir(this.dir, { recursive: true });
    const img = await this.source.open(imageId, signal);
    const checksums = mergeChecksums(img.checksums, expected);
    if (checksums.length === 0) {
      throw invalidGuestSpec(`Image ${imageId} has no checksum to verify it against.`);
    }
    const { data, manifest } = this.paths(imageId);
    const tmp = join(this.dir, `.${imageId}.part-${randomBytes(4).toString('hex')}`);
    try {
      const { size, digests } = await download(img.stream, tmp, checksums, signal);
      assertDigests(imageId, checksums, digests);
      const facts = await this.qemuImg.info(tmp);
      const format = assertSafeImage(facts, img.diskFormat);
      await rename(tmp, data);
      const m: Manifest = {
        path: data,
        format,
        virtualSize: facts.virtualSize,
        checksums,
        fetchedAt: new Date().toISOString(),
      };
      await writeFile(`${tmp}.json`, JSON.stringify(m), { flush: true });
      await rename(`${tmp}.json`, manifest);
      await fsyncDir(this.dir);
      this.log.info({ imageId, bytes: size, format, ms: Date.now() - t0 }, 'base image cached');
      return { path: data, format, virtualSize: facts.virtualSize };
    } finally {
      await rm(tmp, { force: true });
      await rm(`${tmp}.json`, { force: true });
    }
  }

  /** Image ids in the cache. */
  async list(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
  }

  /** Drop one image (the caller makes sure no guest disk still uses it). */
  async remove(imageId: string): Promise<void> {
    assertUuid(imageId, 'image id');
    const { data, manifest } = this.paths(imageId);
    await rm(manifest, { force: true });
    await rm(data, { force: true });
  }
}

function assertDigests(
  imageId: string,
  expected: readonly ImageChecksum[],
  got: Map<string, string>,
): void {
  for (const c of expected) {
    if (got.get(c.algorithm) !== c.value.toLowerCase()) {
      throw invalidGuestSpec(`Image ${imageId} failed ${c.algorithm} verification.`);
    }
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function mergeChecksums(a: readonly ImageChecksum[], b: readonly ImageChecksum[]): ImageChecksum[] {
  const out = new Map<string, ImageChecksum>();
  for (const c of [...a, ...b]) {
    const prev = out.get(c.algorithm);
    if (prev && prev.value.toLowerCase() !== c.value.toLowerCase()) {
      throw invalidGuestSpec(`Conflicting ${c.algorithm} checksums for the image.`);
    }
    out.set(c.algorithm, { algorithm: c.algorithm, value: c.value.toLowerCase() });
  }
  return [...out.values()];
}

function assertChecksumsAgree(
  cached: readonly ImageChecksum[],
  expected: readonly ImageChecksum[],
): void {
  mergeChecksums(cached, expected);
}

async function download(
  stream: AsyncIterable<Uint8Array>,
  path: string,
  checksums: readonly ImageChecksum[],
  signal?: AbortSignal,
): Promise<{ size: number; digests: Map<string, string> }> {
  const hashes = new Map<string, Hash>(
    checksums.map((c) => [c.algorithm, createHash(c.algorithm)]),
  );
  const file = await open(path, 'wx', 0o644);
  let size = 0;
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      size += chunk.length;
      hashes.forEach((h) => h.update(chunk));
      await file.write(chunk);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return { size, digests: new Map([...hashes].map(([alg, h]) => [alg, h.digest('hex')])) };
}
