import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError, ERROR_KINDS } from './domain-error.js';
import { GrpcCode, grpcCodeOf, kindOfGrpcCode } from './grpc-status.js';
import { httpStatusOf, kindOfHttpStatus } from './http-status.js';

test('every kind maps to an HTTP status that maps back to it', () => {
  for (const kind of ERROR_KINDS) {
    assert.equal(kindOfHttpStatus(httpStatusOf(kind)), kind, kind);
  }
});

test('gRPC codes round-trip for the main kinds', () => {
  for (const kind of ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'unavailable'] as const) {
    assert.equal(kindOfGrpcCode(grpcCodeOf(kind)), kind);
  }
  assert.equal(grpcCodeOf('not_found'), GrpcCode.NOT_FOUND);
  assert.equal(kindOfGrpcCode(GrpcCode.DATA_LOSS), 'internal');
});

test('DomainError keeps its kind and subclass name', () => {
  class ImageNotFound extends DomainError {
    constructor(id: string) {
      super('not_found', `No image with ID ${id} exists.`);
    }
  }
  const e = new ImageNotFound('x');
  assert.equal(e.kind, 'not_found');
  assert.equal(e.name, 'ImageNotFound');
  assert.ok(e instanceof DomainError);
});
