export * from './error-shape.js';
export * from './openstack-exception.filter.js';
export * from './validation.js';
export * from './request-id.middleware.js';
export * from './health.js';
export * from './nest-logger.js';
export * from './create-http-app.js';
export * from './public.decorator.js';
