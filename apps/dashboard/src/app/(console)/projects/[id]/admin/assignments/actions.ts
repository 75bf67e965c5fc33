'use server';

import { z } from 'zod';
import { setGrant } from '../../../../../../lib/cloud/identity-admin.ts';
import { identityMutation } from '../../../../../../lib/cloud/identity-action.ts';
import type { FormState } from '../../../../../../lib/shared/form-state.ts';
import { GrantKeySchema, GrantSchema } from '../../../../../../lib/shared/identity.schemas.ts';

export async function grantRole(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['roleId', 'actor', 'target'],
    schema: GrantSchema,
    run: async (s, g) => {
      await setGrant(
        s,
        {
          roleId: g.roleId,
          actor: g.actor.kind,
          actorId: g.actor.id,
          target: g.target.kind,
          targetId: g.target.id,
        },
        true,
      );
      return g.target.kind === 'domain' ? 'Role given on the domain.' : 'Role given.';
    },
  });
}

export async function revokeGrant(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['key'],
    schema: z.object({ key: GrantKeySchema }),
    run: async (s, { key }) => {
      await setGrant(s, key, false);
      return 'Role taken away; the sessions that carried it have ended.';
    },
  });
}
