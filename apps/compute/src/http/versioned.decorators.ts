import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { parseInput } from '@tinystack/http';
import type { z } from 'zod';
import { ApiVersion } from './api-version.js';
import type { VersionedRequest } from './microversion.middleware.js';

/** The entry of `byVersion` that applies at `version`: the one with the greatest key not after it. */
export function pickForVersion<T>(version: ApiVersion, byVersion: Readonly<Record<string, T>>): T {
  let best: { v: ApiVersion; value: T } | undefined;
  for (const [since, value] of Object.entries(byVersion)) {
    const v = ApiVersion.parse(since);
    if (version.compare(v) >= 0 && (!best || v.compare(best.v) > 0)) {
      best = { v, value };
    }
  }
  if (!best) {
    throw new Error(`no entry for version ${version.toString()}`);
  }
  return best.value;
}

const versionOf = (ctx: ExecutionContext): ApiVersion =>
  ctx.switchToHttp().getRequest<VersionedRequest>().apiVersion ?? ApiVersion.min;

/** The microversion the request is served at. */
export const Version = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiVersion => versionOf(ctx));

/**
 * The request body validated with the schema of the request's microversion, e.g.
 * `@VersionedBody({ '2.1': createV21, '2.37': createV237 })` (Nova's
 * `@validation.schema(schema, min, max)`); a failure is a 400 naming the field.
 */
export const VersionedBody = createParamDecorator(
  (schemas: Readonly<Record<string, z.ZodType>>, ctx: ExecutionContext): unknown => {
    const req = ctx.switchToHttp().getRequest<VersionedRequest>();
    return parseInput(pickForVersion(versionOf(ctx), schemas), req.body);
  },
);

/** The query string validated with the schema of the request's microversion. */
export const VersionedQuery = createParamDecorator(
  (schemas: Readonly<Record<string, z.ZodType>>, ctx: ExecutionContext): unknown => {
    const req = ctx.switchToHttp().getRequest<VersionedRequest>();
    return parseInput(pickForVersion(versionOf(ctx), schemas), req.query);
  },
);
