import { InitialSchema1732550000000 } from './1732550000000-initial-schema.js';

/** Every identity migration, oldest first. */
export const IDENTITY_MIGRATIONS = [InitialSchema1732550000000];
