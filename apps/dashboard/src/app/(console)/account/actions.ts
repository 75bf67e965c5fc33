'use server';

import { redirect } from 'next/navigation';
import type { RevealState } from '../../../components/ui/action-form.tsx';
import {
  changeMyPassword,
  createMyCredential,
  deleteMyCredential,
} from '../../../lib/cloud/account.ts';
import { deleteById, identityMutation } from '../../../lib/cloud/identity-action.ts';
import { clearSessionCookie } from '../../../lib/cloud/session.ts';
import type { FormState } from '../../../lib/shared/form-state.ts';
import { ChangePasswordSchema, NewCredentialSchema } from '../../../lib/shared/identity.schemas.ts';

/** Creates an application credential; its secret goes back to the form once, and nowhere else. */
export async function addCredential(_prev: RevealState, form: FormData): Promise<RevealState> {
  let secret = '';
  const state = await identityMutation({
    who: 'self',
    form,
    fields: ['name', 'description', 'expires'],
    schema: NewCredentialSchema,
    conflictField: 'name',
    run: async (s, c) => {
      const res = await createMyCredential(s, { ...c, expiresAt: c.expires });
      secret = res.secret;
      return `Application credential ${c.name} created.`;
    },
  });
  return state.status === 'ok' && secret
    ? {
        ...state,
        reveal: {
          label: 'Secret',
          value: secret,
          note: 'Copy it now: it is shown only this once. Identity keeps only a hash of it.',
        },
      }
    : state;
}

export async function removeCredential(_prev: FormState, form: FormData): Promise<FormState> {
  return deleteById(
    'self',
    form,
    deleteMyCredential,
    'Application credential deleted: it no longer logs anyone in.',
  );
}

/**
 * Changes the user's own password. Identity then revokes all their tokens, this session's
 * too, so the user logs in again with the new password.
 */
export async function changePassword(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await identityMutation({
    who: 'self',
    form,
    fields: ['originalPassword', 'password', 'confirm'],
    secret: ['originalPassword', 'password', 'confirm'],
    schema: ChangePasswordSchema,
    explain: (kind) =>
      kind === 'unauthorized' || kind === 'forbidden'
        ? { field: 'originalPassword', message: 'That is not your current password.' }
        : undefined,
    run: async (s, p) => {
      await changeMyPassword(s, p);
      return 'Password changed.';
    },
  });
  if (state.status !== 'ok') {
    return state;
  }
  await clearSessionCookie();
  redirect('/login?reason=password-changed');
}
