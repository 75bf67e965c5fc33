import { z } from 'zod';
import { description, idString, name64, withExtra, wrapped } from '../shared/schemas.js';

export const createGroupSchema = wrapped(
  'group',
  withExtra({ name: name64, domain_id: idString.optional(), description: description.optional() }),
);
export const updateGroupSchema = wrapped(
  'group',
  withExtra({ name: name64.optional(), description: description.optional() }),
);

export type CreateGroupInput = z.infer<typeof createGroupSchema>['group'];
export type UpdateGroupInput = z.infer<typeof updateGroupSchema>['group'];

export const GROUP_KNOWN_KEYS = ['name', 'domain_id', 'description'] as const;
