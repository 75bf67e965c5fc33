export * from './define-config.js';
export * from './fields.js';
export * from './common.js';
