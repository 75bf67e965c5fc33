import { CreateNetwork1764200000000 } from './1764200000000-create-network.js';

/** Every network migration, oldest first (forward only). */
export const NETWORK_MIGRATIONS = [CreateNetwork1764200000000];
