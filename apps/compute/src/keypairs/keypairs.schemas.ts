import { z } from 'zod';

/** Nova checks keypair names for "safe" characters in the API code (letters, digits, _ - space). */
const name = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9_\- ]+$/, 'Keypair name contains unsafe characters');

const v21 = { name, public_key: z.string().optional() };
const v22 = { ...v21, type: z.enum(['ssh', 'x509']).optional() };
const v210 = { ...v22, user_id: z.string().min(1).max(255).optional() };

export const createKeypairV21 = z.object({ keypair: z.object(v21).strict() }).strict();
export const createKeypairV22 = z.object({ keypair: z.object(v22).strict() }).strict();
export const createKeypairV210 = z.object({ keypair: z.object(v210).strict() }).strict();
export type CreateKeypairBody = z.infer<typeof createKeypairV210>;
