export * from './temp.js';
export * from './databases.js';
