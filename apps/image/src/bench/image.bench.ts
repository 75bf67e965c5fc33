/**
 * `npm run bench -- image` (node apps/image/dist/bench/image.bench.js [--size=<MiB>]
 * [--default-flags]): the
 * image service and the object storage service as separate processes on 127.0.0.1 (SQLite,
 * the object store's filesystem backend), tokens from a stand-in identity signing them as
 * identity does. Bounded (one image of --size MiB, default 1024, each way), loopback only.
 *
 *   baseline: the object store's own streaming rates for the same size: PutObject and
 *             GetObject over gRPC, with the channel settings the image service uses (the
 *             path image bytes must take), each measured right before the image transfer
 *             it is compared with, and, for reference, PUT / GET over its Swift API
 *   image:    PUT and GET /v2/images/{id}/file over HTTP (hashing, format inspection and
 *             the relay to the object store included), MB/s
 *   memory:   the image service's peak RSS (VmHWM) over the run, started with the V8 heap
 *             flags its README recommends (--default-flags: V8's defaults)
 *
 * Targets (the image service issue): both directions at least 50% of the object store's
 * gRPC rate, peak RSS under 200 MB. Prints PASS or FAIL per target, and each direction's
 * share of the REST rate for information; exits 1 when a target fails.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { objectstoreV1 } from '@tinystack/contracts';
import { freePort, tempDir } from '@tinystack/testing';
import { objectStoreClient, PUT_CHUNK_BYTES } from '../store/object-store-image-store.js';
import { rechunk } from '../store/rechunk.js';
import { asyncOf } from '../testing/async-of.js';
import { startIdentityStandIn, makeTokenSigner, type TokenSigner } from '@tinystack/auth/testing';
import { startObjectStoreProcess, type ObjectStoreProcess } from '../testing/object-store-process.js';
import { startServiceProcess, type ServiceProcess } from '../testing/service-process.js';
import { getStream, patternSource, putStream, rate, rssMb } from './transfer.js';

const PASSWORD = 'bench-service-secret';
const sizeArg = process.argv.find((a) => a.startsWith('--size='));
const SIZE = (sizeArg ? Number(sizeArg.slice('--size='.length)) : 1024) * 1024 * 1024;
const IMAGE_MAIN = fileURLToPath(new URL('../main.js', import.meta.url));
/**
 * The V8 heap settings recommended for the service (apps/image/README.md); --default-flags:
 * none; IMAGE_BENCH_EXTRA_NODE_FLAGS adds more (e.g. --cpu-prof to profile the service).
 */
const NODE_FLAGS = [
  ...(process.argv.includes('--default-flags') ? [] : ['--max-semi-space-size=8']),
  ...(process.env['IMAGE_BENCH_EXTRA_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
];

async function startImage(dir: string, identityUrl: string, objectStoreUrl: string): Promise<{ proc: ServiceProcess; url: string }> {
  const [http, grpc] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${http}`;
  const proc = await startServiceProcess(
    IMAGE_MAIN,
    {
      IMAGE_HTTP_PORT: String(http),
      IMAGE_GRPC_PORT: String(grpc),
      TINYSTACK_DATA_DIR: dir,
      IDENTITY_GRPC_URL: identityUrl,
      OBJECT_STORE_GRPC_URL: objectStoreUrl,
      TINYSTACK_SERVICE_PASSWORD: PASSWORD,
      TINYSTACK_LOG_LEVEL: 'warn',
    },
    `${url}/healthz`,
    NODE_FLAGS,
  );
  return { proc, url };
}

interface Rates {
  readonly put: number;
  readonly get: number;
}

function expectOk<R extends { status: number }>(r: R): R {
  if (r.status !== 200) {
    throw new Error(`download answered ${r.status}`);
  }
  return r;
}

/** The object store's own REST (Swift) streaming rates for SIZE bytes, both ways. */
async function restBaseline(os: ObjectStoreProcess, signer: TokenSigner): Promise<Rates> {
  const token = signer.sign({ projectId: 'bench' });
  const container = `${os.httpUrl}/v1/AUTH_bench/rest-baseline`;
  await fetch(container, { method: 'PUT', headers: { 'X-Auth-Token': token } });
  const { blocks } = patternSource(SIZE);
  const headers = { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' };
  const put = await rate(SIZE, () => putStream(`${container}/big`, headers, blocks(), SIZE));
  const get = await rate(SIZE, async () =>
    expectOk(await getStream(`${container}/big`, { 'X-Auth-Token': token })),
  );
  return { put, get };
}

/** A transfer each way, measured when called (MB/s): each direction runs next to its baseline. */
interface Transfers {
  readonly put: () => Promise<number>;
  readonly get: () => Promise<number>;
}

/** The object store's own gRPC streaming rates for SIZE bytes, both ways. */
async function grpcBaseline(os: ObjectStoreProcess, signer: TokenSigner): Promise<Transfers> {
  const client = objectStoreClient(os.grpcUrl);
  const token = signer.sign({ projectId: 'bench' });
  const where = { account: '', container: 'baseline', name: 'big' };
  await client.ensureContainer({ account: '', container: 'baseline', metadata: {} }, { token });
  const { blocks } = patternSource(SIZE);
  async function* messages(): AsyncGenerator<objectstoreV1.PutObjectRequest> {
    yield { header: { ...where, contentType: '', metadata: {}, etag: '', size: SIZE, deleteAt: 0 } };
    for await (const chunk of rechunk(asyncOf(blocks()), PUT_CHUNK_BYTES)) {
      yield { chunk };
    }
    yield { end: {} };
  }
  return {
    put: () => rate(SIZE, () => client.putObject(messages(), { token })),
    get: () =>
      rate(SIZE, async () => {
        for await (const _ of client.getObject(where, { token })) {
          // consume
        }
      }),
  };
}

/** PUT then GET one image of SIZE bytes through the REST API; MB/s both ways. */
async function imageTransfers(
  url: string,
  signer: TokenSigner,
): Promise<Transfers & { checksumOk: () => boolean }> {
  const token = signer.sign({ projectId: 'bench' });
  const created = await fetch(`${url}/v2/images`, {
    method: 'POST',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench', disk_format: 'raw', container_format: 'bare' }),
  });
  const { id } = (await created.json()) as { id: string };
  const source = patternSource(SIZE);
  const expected = source.md5();
  const headers = { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' };
  let md5: string | undefined;
  return {
    put: async () => {
      let status = 0;
      const put = await rate(
        SIZE,
        async () =>
          (status = await putStream(`${url}/v2/images/${id}/file`, headers, source.blocks(), SIZE)),
      );
      if (status !== 204) {
        throw new Error(`upload answered ${status}`);
      }
      return put;
    },
    get: () =>
      rate(SIZE, async () => {
        md5 = expectOk(
          await getStream(`${url}/v2/images/${id}/file`, { 'X-Auth-Token': token }),
        ).md5;
      }),
    checksumOk: () => md5 === expected,
  };
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;

interface Memory {
  readonly idle: number;
  readonly peak: number;
  readonly objectStorePeak: number;
}

function report(grpc: Rates, rest: Rates, img: Rates & { checksumOk: boolean }, mem: Memory): boolean {
  const line = (label: string, value: string, ok?: boolean) =>
    console.log(`${label.padEnd(44)}${value.padStart(14)}${ok === undefined ? '' : ok ? '   PASS' : '   FAIL'}`);
  console.log(`image size ${(SIZE / 1024 / 1024).toFixed(0)} MiB, 127.0.0.1, image service node flags: ${NODE_FLAGS.join(' ') || '(none)'}`);
  line('object store gRPC PutObject', `${grpc.put.toFixed(1)} MB/s`);
  line('object store gRPC GetObject', `${grpc.get.toFixed(1)} MB/s`);
  line('object store REST PUT (Swift API)', `${rest.put.toFixed(1)} MB/s`);
  line('object store REST GET (Swift API)', `${rest.get.toFixed(1)} MB/s`);
  const base = grpc;
  const upOk = img.put >= base.put / 2;
  const downOk = img.get >= base.get / 2;
  line(`image upload PUT /file (>= ${(base.put / 2).toFixed(1)})`, `${img.put.toFixed(1)} MB/s`, upOk);
  line(`image download GET /file (>= ${(base.get / 2).toFixed(1)})`, `${img.get.toFixed(1)} MB/s`, downOk);
  line('  upload / object store gRPC, REST', `${pct(img.put, grpc.put)}, ${pct(img.put, rest.put)}`);
  line('  download / object store gRPC, REST', `${pct(img.get, grpc.get)}, ${pct(img.get, rest.get)}`);
  line('image service RSS when idle', `${mem.idle.toFixed(1)} MB`);
  line('image service peak RSS (< 200 MB)', `${mem.peak.toFixed(1)} MB`, mem.peak < 200);
  line('object store peak RSS (for reference)', `${mem.objectStorePeak.toFixed(1)} MB`);
  line('downloaded Content-MD5 = uploaded MD5', img.checksumOk ? 'yes' : 'no', img.checksumOk);
  return upOk && downOk && mem.peak < 200 && img.checksumOk;
}

async function main(): Promise<void> {
  const dir = tempDir('image-bench-');
  const signer = makeTokenSigner();
  const identity = await startIdentityStandIn(signer, PASSWORD);
  let os: ObjectStoreProcess | undefined;
  let image: { proc: ServiceProcess; url: string } | undefined;
  try {
    os = await startObjectStoreProcess({ identityGrpcUrl: identity.url, servicePassword: PASSWORD, dataDir: join(dir.path, 'os') });
    image = await startImage(join(dir.path, 'img'), identity.url, os.grpcUrl);
    const idle = rssMb(image.proc.pid, 'VmRSS');
    const rest = await restBaseline(os, signer);
    // each image transfer right after its gRPC baseline, so that a change in the machine's
    // load between them moves both (the ratio is the target)
    const [grpcTransfers, imageTransfer] = [await grpcBaseline(os, signer), await imageTransfers(image.url, signer)];
    const [grpcPut, imgPut] = [await grpcTransfers.put(), await imageTransfer.put()];
    const [grpcGet, imgGet] = [await grpcTransfers.get(), await imageTransfer.get()];
    const grpc = { put: grpcPut, get: grpcGet };
    const img = { put: imgPut, get: imgGet, checksumOk: imageTransfer.checksumOk() };
    const ok = report(grpc, rest, img, { idle, peak: rssMb(image.proc.pid), objectStorePeak: rssMb(os.pid) });
    process.exitCode = ok ? 0 : 1;
  } finally {
    await image?.proc.stop();
    await os?.stop();
    await identity.server.shutdown();
    dir.cleanup();
  }
}

await main();
