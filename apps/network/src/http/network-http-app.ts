import type { INestApplication, Type } from '@nestjs/common';
import { createHttpApp } from '@tinystack/http';
import { neutronErrorShape } from './neutron-error.shape.js';

/** Largest JSON request body. */
export const JSON_LIMIT = 256 * 1024;

/** The network service's REST app: Neutron's error bodies, JSON bodies. */
export function createNetworkHttpApp(module: Type<unknown>): Promise<INestApplication> {
  return createHttpApp(module, { errorShape: neutronErrorShape, jsonLimit: `${JSON_LIMIT}b` });
}
