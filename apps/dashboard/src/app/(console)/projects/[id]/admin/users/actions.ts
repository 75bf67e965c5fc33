'use server';

import {
  createUser,
  deleteUser,
  resetPassword,
  setUserEnabled,
} from '../../../../../../lib/cloud/identity-admin.ts';
import { deleteById, identityMutation } from '../../../../../../lib/cloud/identity-action.ts';
import type { FormState } from '../../../../../../lib/shared/form-state.ts';
import {
  NewUserSchema,
  ResetPasswordSchema,
  UserEnabledSchema,
} from '../../../../../../lib/shared/identity.schemas.ts';

export async function addUser(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['name', 'password', 'confirm', 'email', 'defaultProjectId', 'enabled'],
    secret: ['password', 'confirm'],
    schema: NewUserSchema,
    conflictField: 'name',
    run: async (s, u) => {
      await createUser(s, u);
      return `User ${u.name} created. Give them a role on a project under Role assignments so they can log in to it.`;
    },
  });
}

export async function toggleUser(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['id', 'enabled'],
    schema: UserEnabledSchema,
    run: async (s, u) => {
      await setUserEnabled(s, u.id, u.enabled);
      return u.enabled ? 'User enabled.' : 'User disabled: their sessions have ended.';
    },
  });
}

export async function resetUserPassword(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['id', 'password', 'confirm'],
    secret: ['password', 'confirm'],
    schema: ResetPasswordSchema,
    run: async (s, u) => {
      await resetPassword(s, u.id, u.password);
      return 'Password set. Their sessions have ended; they log in with the new one.';
    },
  });
}

export async function removeUser(_prev: FormState, form: FormData): Promise<FormState> {
  return deleteById('admin', form, deleteUser, 'User deleted.');
}
