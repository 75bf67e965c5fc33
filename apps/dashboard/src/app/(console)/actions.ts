'use server';

import { redirect } from 'next/navigation';
import { SwitchProjectSchema } from '../../lib/shared/auth.schemas.ts';
import { errorParts, plainMessage } from '../../lib/shared/cloud-error.ts';
import { failed, type FormState } from '../../lib/shared/form-state.ts';
import { assertSameOrigin } from '../../lib/cloud/csrf.ts';
import { rescope, revoke } from '../../lib/cloud/identity.ts';
import { log } from '../../lib/cloud/log.ts';
import {
  clearSessionCookie,
  getSessionState,
  rememberProject,
  requireSession,
  setSessionCookie,
} from '../../lib/cloud/session.ts';

/** Log out: revoke the token at identity (so it stops working everywhere), drop the cookie. */
export async function logout(): Promise<void> {
  await assertSameOrigin();
  const s = await getSessionState().catch(() => ({ state: 'none' as const }));
  if (s.state === 'active') {
    try {
      await revoke(s.session.token);
      log('session').info({ user_id: s.session.user.id }, 'logged out; token revoked');
    } catch (err) {
      // already invalid, or identity down: the cookie goes either way
      log('session').warn({ err: errorParts(err).detail }, 'logout could not revoke the token');
    }
  }
  await clearSessionCookie();
  redirect('/login?reason=logged-out');
}

export type SwitchState = FormState<'projectId'>;

/**
 * Switch project: rescope the session's token to the chosen project, keep the new token,
 * and revoke the old project token (never the unscoped token a chain starts from: the new
 * token carries that audit id, so revoking it would end the new token too).
 */
export async function switchProject(_prev: SwitchState, form: FormData): Promise<SwitchState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = SwitchProjectSchema.safeParse({
    projectId: form.get('projectId'),
    next: form.get('next') ?? undefined,
  });
  if (!parsed.success) {
    return failed('Choose a project from the list.');
  }
  const { projectId, next } = parsed.data;
  try {
    const scoped = await rescope(session.token, projectId);
    await setSessionCookie(scoped.token, scoped.info?.expiresAt);
    await rememberProject(projectId);
    if (session.auditIds.length > 1) {
      await revoke(session.token).catch(() => undefined);
    }
  } catch (err) {
    const { kind, detail } = errorParts(err);
    return failed(
      kind === 'unauthorized' || kind === 'forbidden'
        ? 'You have no role on that project.'
        : plainMessage('identity', kind, detail),
    );
  }
  redirect(next?.startsWith(`/projects/${projectId}`) ? next : `/projects/${projectId}`);
}
