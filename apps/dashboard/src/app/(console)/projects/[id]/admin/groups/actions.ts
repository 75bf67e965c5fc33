'use server';

import {
  createGroup,
  deleteGroup,
  setGroupMember,
} from '../../../../../../lib/cloud/identity-admin.ts';
import { deleteById, identityMutation } from '../../../../../../lib/cloud/identity-action.ts';
import type { FormState } from '../../../../../../lib/shared/form-state.ts';
import { MembershipSchema, NewGroupSchema } from '../../../../../../lib/shared/identity.schemas.ts';

export async function addGroup(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['name', 'description'],
    schema: NewGroupSchema,
    conflictField: 'name',
    run: async (s, g) => {
      await createGroup(s, g);
      return `Group ${g.name} created. Add users to it, then give it roles under Role assignments.`;
    },
  });
}

export async function removeGroup(_prev: FormState, form: FormData): Promise<FormState> {
  return deleteById('admin', form, deleteGroup, 'Group deleted.');
}

export async function addMember(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['groupId', 'userId'],
    schema: MembershipSchema,
    conflictField: 'userId',
    run: async (s, m) => {
      await setGroupMember(s, m, true);
      return 'User added to the group.';
    },
  });
}

export async function removeMember(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['groupId', 'userId'],
    schema: MembershipSchema,
    run: async (s, m) => {
      await setGroupMember(s, m, false);
      return 'User removed from the group; their sessions have ended.';
    },
  });
}
