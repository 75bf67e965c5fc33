export * from './temp.js';
export * from './databases.js';
export * from './http-load.js';
