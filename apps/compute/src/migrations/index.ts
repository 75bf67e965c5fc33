import { CreateCompute1764000000000 } from './1764000000000-create-compute.js';
import { SeedDefaultFlavors1764000000001 } from './1764000000001-seed-default-flavors.js';

/** Every compute migration, oldest first (forward only). */
export const COMPUTE_MIGRATIONS = [CreateCompute1764000000000, SeedDefaultFlavors1764000000001];
