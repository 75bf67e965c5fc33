import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeBlobStore } from './blob-store.contract.js';
import { S3BlobStore } from './s3-blob-store.js';

/**
 * The contract against a real S3 server, when TINYSTACK_TEST_S3_ENDPOINT (with
 * _ACCESS_KEY, _SECRET_KEY) names one. apps/object-store/test-support/start-s3.sh brings
 * up OpenStack Swift's s3api middleware on 127.0.0.1 (a real, signature-checking S3) and
 * prints these variables; TINYSTACK_TEST_S3_SERVER says which server it is, and the
 * suite's name carries it.
 */
const endpoint = process.env['TINYSTACK_TEST_S3_ENDPOINT'];
const server = process.env['TINYSTACK_TEST_S3_SERVER'] ?? 'unnamed S3 server';

if (endpoint) {
  describeBlobStore(`s3 (${server} at ${endpoint})`, () =>
    Promise.resolve(new S3BlobStore({
      endpoint,
      accessKey: process.env['TINYSTACK_TEST_S3_ACCESS_KEY'] ?? '',
      secretKey: process.env['TINYSTACK_TEST_S3_SECRET_KEY'] ?? '',
      bucket: `tinystack-test-${randomUUID().slice(0, 8)}`,
      region: process.env['TINYSTACK_TEST_S3_REGION'],
      partSize: 5 * 1024 * 1024,
    })),
  );
} else if (process.env['CI']) {
  // tools/run-tests.mjs starts Swift's s3api for the tests; under CI its absence is a failure
  test('S3 contract: an S3 server for the tests', () => {
    throw new Error('TINYSTACK_TEST_S3_ENDPOINT is not set: tools/run-tests.mjs could not start the S3 server (see its log)');
  });
} else {
  test('S3 contract (skipped: TINYSTACK_TEST_S3_ENDPOINT is not set)', { skip: 'no S3 server configured' }, () => undefined);
}
