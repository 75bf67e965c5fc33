import { z } from 'zod';
import {
  description,
  enabled,
  idString,
  name64,
  tags,
  withExtra,
  wrapped,
} from '../shared/schemas.js';

const common = {
  description: description.optional(),
  enabled: enabled.optional(),
  tags: tags.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
};

export const createDomainSchema = wrapped(
  'domain',
  withExtra({
    ...common,
    name: name64,
    explicit_domain_id: idString.regex(/^[A-Za-z0-9_-]+$/).optional(),
  }),
);
export const updateDomainSchema = wrapped(
  'domain',
  withExtra({ ...common, name: name64.optional() }),
);

export type CreateDomainInput = z.infer<typeof createDomainSchema>['domain'];
export type UpdateDomainInput = z.infer<typeof updateDomainSchema>['domain'];

export const DOMAIN_KNOWN_KEYS = [
  'name',
  'description',
  'enabled',
  'tags',
  'options',
  'explicit_domain_id',
] as const;
