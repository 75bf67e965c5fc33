/** Nest injection token of the configured BlobStore. */
export const BLOB_STORE = Symbol('BLOB_STORE');
