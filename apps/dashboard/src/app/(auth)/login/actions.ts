'use server';

import { redirect } from 'next/navigation';
import { LoginSchema, type LoginField, type LoginInput } from '../../../lib/shared/auth.schemas.ts';
import { errorParts } from '../../../lib/shared/cloud-error.ts';
import { failed, formValues, invalid, type FormState } from '../../../lib/shared/form-state.ts';
import { sameOrigin } from '../../../lib/cloud/csrf.ts';
import { authenticate, projectsOfToken, rescope } from '../../../lib/cloud/identity.ts';
import { log } from '../../../lib/cloud/log.ts';
import { lastProject, rememberProject, setSessionCookie } from '../../../lib/cloud/session.ts';

export type LoginState = FormState<LoginField>;

const BAD_CREDENTIALS = 'The domain, user name or password is not right.';

function loginFailure(err: unknown, values: Partial<Record<LoginField, string>>): LoginState {
  const { kind } = errorParts(err);
  if (kind === 'unauthorized' || kind === 'not_found' || kind === 'bad_request') {
    return failed(BAD_CREDENTIALS, values);
  }
  if (kind === 'unavailable') {
    return failed(
      'Identity is not available right now: the service did not answer. Try again in a moment.',
      values,
    );
  }
  log('login').error({ err: (err as Error)?.message, kind }, 'login failed');
  return failed(
    'Logging in failed unexpectedly. Try again; if it keeps happening, the identity log has the details.',
    values,
  );
}

/** Authenticates, picks the project, sets the cookie; returns where to go next. */
async function startSession(input: LoginInput): Promise<string> {
  const auth = await authenticate({
    domain: input.domain,
    user: input.username,
    password: input.password,
  });
  const userId = auth.info?.userId ?? '';
  const projects = await projectsOfToken(auth.token, userId);
  const remembered = await lastProject();
  const pick = projects.find((p) => p.id === remembered) ?? projects[0];
  log('login').info({ user_id: userId, project_id: pick?.id }, 'logged in');
  if (!pick) {
    await setSessionCookie(auth.token, auth.info?.expiresAt);
    return '/projects';
  }
  const scoped = await rescope(auth.token, pick.id);
  await setSessionCookie(scoped.token, scoped.info?.expiresAt);
  await rememberProject(pick.id);
  const home = `/projects/${pick.id}`;
  return input.next && (input.next.startsWith(home) || input.next.startsWith('/account'))
    ? input.next
    : home;
}

/**
 * Log in: authenticate unscoped with the password, then rescope to the project last worked
 * in (or the first by name) and keep that token in an httpOnly, SameSite=Lax cookie.
 */
export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const raw = formValues(form, ['domain', 'username', 'password', 'next']);
  const values = { domain: raw.domain ?? '', username: raw.username ?? '' };
  const origin = await sameOrigin();
  if (!origin.ok) {
    return failed(
      'This login form was sent from another site, so it was refused. Reload the page and try again.',
      values,
    );
  }
  const parsed = LoginSchema.safeParse(raw);
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  const input = parsed.data;
  let target: string;
  try {
    target = await startSession(input);
  } catch (err) {
    return loginFailure(err, values);
  }
  redirect(target);
}
