import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { Metadata } from '@tinystack/grpc';
import {
  newRequestId,
  sanitizeRequestId,
  REQUEST_ID_HEADER,
  REQUEST_ID_METADATA,
} from '@tinystack/logging';

/**
 * The request id of the current request: the caller's `X-Openstack-Request-Id` when it
 * looks like one, else a new `req-<uuid>`. Memoised per request, so every gRPC call one
 * page render makes carries the same id (STYLE 11).
 */
export const requestId = cache(async (): Promise<string> => {
  const h = await headers();
  return sanitizeRequestId(h.get(REQUEST_ID_HEADER)) ?? newRequestId();
});

/** Call options for one gRPC call on behalf of the user: their token and the request id. */
export async function callOptions(token?: string): Promise<{ token?: string; metadata: Metadata }> {
  const metadata = Metadata({ [REQUEST_ID_METADATA]: await requestId() });
  return token ? { token, metadata } : { metadata };
}
