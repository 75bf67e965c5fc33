'use server';

import { createRole, deleteRole } from '../../../../../../lib/cloud/identity-admin.ts';
import { deleteById, identityMutation } from '../../../../../../lib/cloud/identity-action.ts';
import type { FormState } from '../../../../../../lib/shared/form-state.ts';
import { NewRoleSchema } from '../../../../../../lib/shared/identity.schemas.ts';

export async function addRole(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['name', 'description'],
    schema: NewRoleSchema,
    conflictField: 'name',
    run: async (s, r) => {
      await createRole(s, r);
      return `Role ${r.name} created.`;
    },
  });
}

export async function removeRole(_prev: FormState, form: FormData): Promise<FormState> {
  return deleteById('admin', form, deleteRole, 'Role deleted; everyone who had it lost it.');
}
