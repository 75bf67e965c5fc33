import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionState } from '../../../lib/cloud/session.ts';
import { isLocalPath } from '../../../lib/shared/auth.schemas.ts';
import { LoginForm } from './login-form.tsx';
import styles from '../auth.module.css';

export const metadata: Metadata = { title: 'Log in' };

const REASONS: Record<string, { text: string; tone: 'info' | 'warn' }> = {
  expired: { text: 'Your session expired. Log in again to continue.', tone: 'warn' },
  revoked: {
    text: 'Your session was ended: its token was revoked. Log in again to continue.',
    tone: 'warn',
  },
  ended: {
    text: 'Your session is no longer valid (your user or project may have been disabled or removed). Log in again.',
    tone: 'warn',
  },
  'logged-out': { text: 'You have logged out.', tone: 'info' },
  'password-changed': {
    text: 'Your password was changed and your sessions were ended. Log in with the new password.',
    tone: 'info',
  },
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const reason = typeof sp.reason === 'string' ? REASONS[sp.reason] : undefined;
  const next = typeof sp.next === 'string' && isLocalPath(sp.next) ? sp.next : undefined;
  const state = await getSessionState();
  if (state.state === 'active') {
    redirect(state.session.project ? `/projects/${state.session.project.id}` : '/projects');
  }
  return (
    <>
      <h1>Log in</h1>
      {reason ? (
        <p className={`note note-${reason.tone}`} role="status">
          {reason.text}
        </p>
      ) : null}
      <LoginForm defaultDomain="Default" {...(next ? { next } : {})} />
      <p className={styles.foot}>
        Use the same domain, user name and password as for the openstack command-line client.
      </p>
    </>
  );
}
