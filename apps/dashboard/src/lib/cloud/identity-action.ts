import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { toCloudError } from '../shared/cloud-error.ts';
import { failed, formValues, invalid, type FormState } from '../shared/form-state.ts';
import { assertSameOrigin } from './csrf.ts';
import { requireAdmin, requireSession, type Session } from './session.ts';

export interface IdentityMutation<F extends string, S extends z.ZodType> {
  /** Who may run it: `admin` (the admin panels) or `self` (the account pages). */
  readonly who: 'admin' | 'self';
  readonly form: FormData;
  readonly fields: readonly F[];
  /** Fields never sent back to the form (passwords). */
  readonly secret?: readonly F[];
  readonly schema: S;
  /** The call; returns the sentence saying what was done. */
  readonly run: (session: Session, input: z.output<S>) => Promise<string>;
  /** The field a "conflict" (name already taken) belongs to. */
  readonly conflictField?: F;
  /** Words for a refusal that means something particular here (a wrong current password). */
  readonly explain?: (kind: string) => { field: F; message: string } | undefined;
}

/**
 * The body of every identity server action: refuse cross-site requests, check the caller
 * (admins only for the admin panels: a member's POST stops here, and identity refuses it
 * again by its own policy), validate with zod, make the one call, and turn a refusal into
 * words next to what failed.
 */
export async function identityMutation<F extends string, S extends z.ZodType>(
  m: IdentityMutation<F, S>,
): Promise<FormState<F>> {
  await assertSameOrigin();
  const session = m.who === 'admin' ? await requireAdmin() : await requireSession();
  const all = formValues(m.form, m.fields) as Partial<Record<F, string>>;
  const values = Object.fromEntries(
    Object.entries(all).filter(([k]) => !m.secret?.includes(k as F)),
  ) as Partial<Record<F, string>>;
  const parsed = m.schema.safeParse(all);
  if (!parsed.success) {
    return invalid<F>(parsed.error, values);
  }
  let message: string;
  try {
    message = await m.run(session, parsed.data);
  } catch (err) {
    const e = toCloudError('identity', err);
    const onField =
      m.explain?.(e.kind) ??
      (m.conflictField && e.kind === 'conflict'
        ? { field: m.conflictField, message: e.message }
        : undefined);
    if (onField) {
      return {
        status: 'error',
        message: 'Identity refused it.',
        fieldErrors: { [onField.field]: [onField.message] } as Partial<Record<F, string[]>>,
        values,
      };
    }
    return failed(e.message, values);
  }
  // every admin page (or account page) shows what changed, so all of them re-render
  revalidatePath(m.who === 'admin' ? '/projects/[id]/admin' : '/account', 'layout');
  return { status: 'ok', message };
}

const ById = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid ID.') });

/** A delete (the form field `id`) behind a confirmation dialog: one call, one sentence. */
export async function deleteById(
  who: 'admin' | 'self',
  form: FormData,
  remove: (session: Session, id: string) => Promise<void>,
  done: string,
): Promise<FormState<'id'>> {
  return identityMutation({
    who,
    form,
    fields: ['id'],
    schema: ById,
    run: async (s, { id }) => {
      await remove(s, id);
      return done;
    },
  });
}
