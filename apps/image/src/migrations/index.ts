import { CreateImages1733900000000 } from './1733900000000-create-images.js';

/** Every image migration, oldest first (forward only). */
export const IMAGE_MIGRATIONS = [CreateImages1733900000000];
