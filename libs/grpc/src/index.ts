export * from './server-options.js';
export * from './rpc-exception.filter.js';
export * from './grpc-context.interceptor.js';
export * from './client.js';
export * from './stand-in.js';
export * from './flow-control.js';
