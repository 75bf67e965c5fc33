import { z } from 'zod';
import { intLike, metadataObject, nameString } from '../shared/schema-types.js';

const nothing = z.null();

const reboot = z
  .object({ type: z.enum(['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']).transform((t) => t.toUpperCase() as 'HARD' | 'SOFT') })
  .strict();

const createImage = z.object({ name: nameString(), metadata: metadataObject.optional() }).strict();

/** Nova's console output length: an integer (or digit string) from -1, or null for all. */
const consoleOutput = z.object({ length: z.union([intLike(-1), z.null()]).optional() }).strict();

const lockV273 = z.union([z.null(), z.object({ locked_reason: z.string().max(255).optional() }).strict()]);

const resetState = z.object({ state: z.enum(['active', 'error']) }).strict();

/** Each action's body schema, per microversion where it changed (key: the action name). */
export const ACTION_SCHEMAS: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>> = {
  'os-start': { '2.1': nothing },
  'os-stop': { '2.1': nothing },
  reboot: { '2.1': reboot },
  pause: { '2.1': nothing },
  unpause: { '2.1': nothing },
  suspend: { '2.1': nothing },
  resume: { '2.1': nothing },
  createImage: { '2.1': createImage },
  'os-getConsoleOutput': { '2.1': consoleOutput },
  lock: { '2.1': nothing, '2.73': lockV273 },
  unlock: { '2.1': nothing },
  'os-resetState': { '2.1': resetState },
};

export type RebootBody = z.infer<typeof reboot>;
export type CreateImageBody = z.infer<typeof createImage>;
export type ConsoleOutputBody = z.infer<typeof consoleOutput>;
export type LockBody = z.infer<typeof lockV273>;
export type ResetStateBody = z.infer<typeof resetState>;
