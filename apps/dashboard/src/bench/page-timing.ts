import { gzipSync } from 'node:zlib';

export const percentile = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export interface PageTiming {
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
  readonly html: string;
}

/**
 * `runs` sequential GETs of `path` (after 2 warm-ups), each timed from the request to the
 * last byte of the streamed HTML, so every Suspense panel is included.
 */
export async function timePage(
  base: string,
  path: string,
  cookie: string | undefined,
  runs: number,
): Promise<PageTiming> {
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(base + path, {
      headers: cookie ? { cookie } : {},
      redirect: 'manual',
    });
    html = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) {
      throw new Error(`${path}: HTTP ${res.status}`);
    }
    if (i >= 2) {
      times.push(ms);
    }
  }
  return { p50: percentile(times, 50), p90: percentile(times, 90), max: Math.max(...times), html };
}

const chunks = new Map<string, { raw: number; gz: number }>();

/**
 * The JavaScript a first visit to the page loads: the `<script src>` chunks its HTML names
 * (not the `noModule` legacy polyfills modern browsers skip), gzip-compressed as served.
 */
export async function firstLoadJs(
  base: string,
  html: string,
): Promise<{ gz: number; raw: number; count: number }> {
  const tags = [...html.matchAll(/<script[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => !/\snoModule/i.test(t));
  const srcs = [
    ...new Set(
      tags.map((t) => /src="([^"]+\.js[^"]*)"/.exec(t)?.[1]).filter((s): s is string => !!s),
    ),
  ];
  let gz = 0;
  let raw = 0;
  for (const src of srcs) {
    let c = chunks.get(src);
    if (!c) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      c = { raw: body.length, gz: gzipSync(body, { level: 6 }).length };
      chunks.set(src, c);
    }
    raw += c.raw;
    gz += c.gz;
  }
  return { gz, raw, count: srcs.length };
}
