import { z } from 'zod';
import { CONTAINER_FORMATS, DISK_FORMATS, VISIBILITIES } from './image-formats.ts';

export { guessDiskFormat } from './image-formats.ts';

export const NewImageSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the image a name.')
    .max(255, 'An image name has at most 255 characters.'),
  diskFormat: z.enum(DISK_FORMATS, { error: 'Choose a disk format.' }),
  containerFormat: z.enum(CONTAINER_FORMATS, { error: 'Choose a container format.' }),
  visibility: z.enum(VISIBILITIES, { error: 'Choose who can see the image.' }),
  minDisk: z.coerce.number().int().min(0, 'At least 0 GiB.').max(100_000).default(0),
  minRam: z.coerce.number().int().min(0, 'At least 0 MiB.').max(10_000_000).default(0),
});
export type NewImageInput = z.infer<typeof NewImageSchema>;

/**
 * Custom properties as the edit form shows them: one `key=value` per line. Blank lines are
 * skipped; a line without `=`, an empty key or a key given twice is an error.
 */
export const PropertiesTextSchema = z.string().transform((text, ctx) => {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') {
      continue;
    }
    const eq = line.indexOf('=');
    const key = eq === -1 ? '' : line.slice(0, eq).trim();
    const problem =
      eq === -1
        ? 'is not key=value'
        : key === ''
          ? 'has no key before ='
          : key.length > 255
            ? 'has a key longer than 255 characters'
            : Object.hasOwn(out, key)
              ? `repeats the key ${key}`
              : undefined;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `Line ${i + 1} ${problem}.` });
      return z.NEVER;
    }
    out[key] = line.slice(eq + 1).trim();
  }
  return out;
});

export const EditImageSchema = z.object({
  id: z.string().min(1).max(64),
  name: z
    .string()
    .trim()
    .min(1, 'Give the image a name.')
    .max(255, 'An image name has at most 255 characters.'),
  visibility: z.enum(VISIBILITIES, { error: 'Choose who can see the image.' }),
  protected: z.boolean(),
  properties: PropertiesTextSchema,
});
export type EditImageInput = z.infer<typeof EditImageSchema>;

/** The form's text for a properties map (sorted by key). */
export function propertiesText(props: Readonly<Record<string, string>>): string {
  return Object.entries(props)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** What changed between the image and the edit form: only those go to the service. */
export interface ImageChanges {
  name?: string;
  visibility?: string;
  protected?: boolean;
  setProperties: Record<string, string>;
  removeProperties: string[];
}

export function imageChanges(
  current: {
    readonly name: string;
    readonly visibility: string;
    readonly protected: boolean;
    readonly properties: Readonly<Record<string, string>>;
  },
  next: EditImageInput,
): ImageChanges {
  const changes: ImageChanges = { setProperties: {}, removeProperties: [] };
  if (next.name !== current.name) {
    changes.name = next.name;
  }
  if (next.visibility !== current.visibility) {
    changes.visibility = next.visibility;
  }
  if (next.protected !== current.protected) {
    changes.protected = next.protected;
  }
  for (const [k, v] of Object.entries(next.properties)) {
    if (current.properties[k] !== v) {
      changes.setProperties[k] = v;
    }
  }
  changes.removeProperties = Object.keys(current.properties).filter(
    (k) => !Object.hasOwn(next.properties, k),
  );
  return changes;
}

export const hasImageChanges = (c: ImageChanges): boolean =>
  c.name !== undefined ||
  c.visibility !== undefined ||
  c.protected !== undefined ||
  Object.keys(c.setProperties).length > 0 ||
  c.removeProperties.length > 0;

/** Which edit-form field a refusal from the image service is about (undefined: the form). */
export function imageFieldOf(
  message: string,
): 'name' | 'visibility' | 'protected' | 'properties' | undefined {
  if (/publicize|visibility/i.test(message)) {
    return 'visibility';
  }
  if (/propert|attribute|reserved|read-only/i.test(message)) {
    return 'properties';
  }
  if (/protect/i.test(message)) {
    return 'protected';
  }
  if (/name/i.test(message)) {
    return 'name';
  }
  return undefined;
}
