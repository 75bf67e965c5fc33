import { z } from 'zod';
import { MAX_LAUNCH_COUNT, SERVER_ACTION_NAMES } from './compute-rules.ts';
import { NetworkChoiceSchema } from './network.schemas.ts';

export {
  ACTION_LABELS,
  actionsFor,
  MAX_LAUNCH_COUNT,
  quotaProblems,
  SERVER_ACTION_NAMES,
  type QuotaLine,
  type ServerActionName,
} from './compute-rules.ts';

/** Nova's keypair name rule: letters, digits, spaces, "_" and "-". */
export const KeypairNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the key pair a name.')
  .max(255, 'A key pair name has at most 255 characters.')
  .regex(/^[a-zA-Z0-9_\- ]+$/, 'Use only letters, digits, spaces, "_" and "-".');

export const NewKeypairSchema = z.object({ name: KeypairNameSchema });

export const ImportKeypairSchema = z.object({
  name: KeypairNameSchema,
  publicKey: z
    .string()
    .trim()
    .min(1, 'Paste the public key (the .pub file).')
    .regex(
      /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/,
      'This is not an OpenSSH public key: it starts with ssh-ed25519, ssh-rsa or ecdsa-sha2-….',
    ),
});

export const LaunchSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the instance a name.')
    .max(255, 'An instance name has at most 255 characters.'),
  imageId: z.string().min(1, 'Choose an image to boot.'),
  flavorId: z.string().min(1, 'Choose a flavor.'),
  keyName: z.string().default(''),
  networks: NetworkChoiceSchema,
  userData: z
    .string()
    .default('')
    .refine(
      (s) => new TextEncoder().encode(s).byteLength <= 49_152,
      'User data is at most 48 KiB.',
    ),
  count: z.coerce
    .number({ error: 'Enter how many instances to launch.' })
    .int('Enter a whole number of instances.')
    .min(1, 'Launch at least one instance.')
    .max(MAX_LAUNCH_COUNT, `Launch at most ${MAX_LAUNCH_COUNT} instances at once.`),
});
export type LaunchInput = z.infer<typeof LaunchSchema>;

export const ServerActionSchema = z.object({
  id: z.string().min(1),
  action: z.enum(SERVER_ACTION_NAMES),
});

export const ServerRefSchema = z.object({ id: z.string().min(1), name: z.string().default('') });

export const SnapshotSchema = z.object({
  id: z.string().min(1),
  name: z
    .string()
    .trim()
    .min(1, 'Give the snapshot a name.')
    .max(255, 'A snapshot name has at most 255 characters.'),
});

const count = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `Enter the ${what}.` })
    .int(`The ${what} is a whole number.`)
    .min(min, `The ${what} is at least ${min}.`)
    .max(max, `The ${what} is at most ${max}.`);

export const NewFlavorSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the flavor a name.')
    .max(255, 'A flavor name has at most 255 characters.'),
  id: z
    .string()
    .trim()
    .max(255)
    .regex(/^[a-zA-Z0-9._-]*$/, 'An ID uses only letters, digits, ".", "_" and "-".')
    .default(''),
  vcpus: count(1, 1024, 'number of vCPUs'),
  ramMb: count(1, 16_777_216, 'RAM in MiB'),
  diskGb: count(0, 100_000, 'disk size in GiB'),
  isPublic: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  description: z.string().trim().max(1000).default(''),
});
