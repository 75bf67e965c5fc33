export * from './domain-error.js';
export * from './http-status.js';
export * from './grpc-status.js';
