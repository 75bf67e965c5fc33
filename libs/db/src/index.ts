export * from './data-source.js';
export * from './transformers.js';
export * from './database.module.js';
export * from './is-unique-violation.js';
