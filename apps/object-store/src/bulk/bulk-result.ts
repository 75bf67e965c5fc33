import type { SwiftReply } from '../shared/swift-reply.js';

/** The outcome of a bulk delete (or an SLO delete with its segments). */
export interface BulkResult {
  deleted: number;
  notFound: number;
  errors: Array<[string, string]>;
}

export const emptyBulkResult = (): BulkResult => ({ deleted: 0, notFound: 0, errors: [] });

/**
 * Swift's bulk middleware answer: 200 with the counts, as JSON when the client accepts
 * it (swiftclient does), else as `Key: value` lines.
 */
export function bulkReply(result: BulkResult, accept: string | undefined): SwiftReply {
  const status = result.errors.length === 0 ? '200 OK' : (result.errors[0]?.[1] === '401 Unauthorized' ? '401 Unauthorized' : '400 Bad Request');
  const doc = {
    'Number Deleted': result.deleted,
    'Number Not Found': result.notFound,
    'Response Body': '',
    'Response Status': status,
    Errors: result.errors,
  };
  if ((accept ?? '').includes('application/json')) {
    return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(doc) };
  }
  const lines = [
    `Number Deleted: ${doc['Number Deleted']}`,
    `Number Not Found: ${doc['Number Not Found']}`,
    `Response Body: `,
    `Response Status: ${status}`,
    `Errors: `,
    ...result.errors.map(([name, st]) => `${name}, ${st}`),
  ];
  return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${lines.join('\n')}\n` };
}
