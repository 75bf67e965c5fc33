import { z } from 'zod';
import { CONTAINER_FORMATS, DISK_FORMATS, VISIBILITIES } from './image.model.js';
import { schemaMismatch } from './images.errors.js';

const UUID = /^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$/;
const nullableUuid = z.string().regex(UUID).nullable();

/** The value schema of each attribute in Glance's image schema (/v2/schemas/image). */
const ATTRIBUTE_SCHEMAS: Record<string, z.ZodType> = {
  id: z.string().regex(UUID),
  name: z.string().max(255).nullable(),
  visibility: z.enum(VISIBILITIES),
  protected: z.boolean(),
  os_hidden: z.boolean(),
  min_ram: z.int(),
  min_disk: z.int(),
  container_format: z.enum(CONTAINER_FORMATS).nullable(),
  disk_format: z.enum(DISK_FORMATS).nullable(),
  owner: z.string().max(255).nullable(),
  tags: z.array(z.string().max(255)),
  kernel_id: nullableUuid,
  ramdisk_id: nullableUuid,
};

/** Custom properties are strings (the schema's additionalProperties). */
const CUSTOM_PROPERTY = z.string().max(65535);

/** Python's repr, as jsonschema quotes values in its messages. */
function repr(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (Array.isArray(value)) {
    return `[${value.map(repr).join(', ')}]`;
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `'${k}': ${repr(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'None';
}

function at(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | null)?.[k], value);
}

/** JSON schema type names where zod's differ. */
const JSON_TYPES: Record<string, string> = { int: 'integer', number: 'integer' };

/** A jsonschema-style reason for the first problem zod found. */
function reasonOf(value: unknown, issue: z.core.$ZodIssue): string {
  const bad = at(value, issue.path);
  if (issue.code === 'invalid_type') {
    return `${repr(bad)} is not of type '${JSON_TYPES[issue.expected] ?? issue.expected}'`;
  }
  if (issue.code === 'invalid_value') {
    return `${repr(bad)} is not one of ${repr(issue.values)}`;
  }
  if (issue.code === 'too_big') {
    return `${repr(bad)} is too long`;
  }
  if (issue.code === 'invalid_format') {
    return `${repr(bad)} does not match '${'pattern' in issue ? String(issue.pattern) : issue.format}'`;
  }
  return issue.message;
}

/**
 * Check one attribute's value against the image schema; a mismatch is Glance's 400
 * "Provided object does not match schema 'image': ...". Returns the parsed value.
 */
export function validateAttribute(key: string, value: unknown): unknown {
  const schema = ATTRIBUTE_SCHEMAS[key] ?? CUSTOM_PROPERTY;
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw schemaMismatch(issue ? reasonOf(value, issue) : `invalid value for ${key}`);
  }
  return result.data;
}

/** True for an attribute that the image schema describes (a "core property" to glanceclient). */
export function isSchemaAttribute(key: string): boolean {
  return key in ATTRIBUTE_SCHEMAS;
}
