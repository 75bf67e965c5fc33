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

export const createProjectSchema = wrapped(
  'project',
  withExtra({
    ...common,
    name: name64,
    domain_id: idString.optional(),
    parent_id: idString.nullable().optional(),
    is_domain: z.literal(false).optional(),
  }),
);

export const updateProjectSchema = wrapped(
  'project',
  withExtra({ ...common, name: name64.optional() }),
);

export type CreateProjectInput = z.infer<typeof createProjectSchema>['project'];
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>['project'];

export const PROJECT_KNOWN_KEYS = [
  'name',
  'domain_id',
  'parent_id',
  'is_domain',
  'description',
  'enabled',
  'tags',
  'options',
] as const;
