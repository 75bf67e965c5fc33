import 'server-only';
import type { identityV1 } from '@tinystack/contracts';
import { identityClient } from './clients.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';

export type ApplicationCredential = identityV1.ApplicationCredential;

/** The session user's application credentials (an empty user id means the token's user). */
export async function listMyCredentials(
  session: Session,
): Promise<Result<ApplicationCredential[]>> {
  return attempt('identity', 'list application credentials', async () => {
    const res = await identityClient().listApplicationCredentials(
      { userId: '' },
      await callOptions(session.token),
    );
    return [...res.credentials].sort((a, b) => a.name.localeCompare(b.name));
  });
}

/**
 * Creates one for the session user on the session's project, with the token's roles.
 * The secret exists only in this answer: identity keeps a hash of it.
 */
export async function createMyCredential(
  session: Session,
  c: { name: string; description: string; expiresAt: number },
): Promise<{ credential?: ApplicationCredential | undefined; secret: string }> {
  return identityClient().createApplicationCredential(
    { ...c, userId: '', roleIds: [], unrestricted: false, secret: '' },
    await callOptions(session.token),
  );
}

export async function deleteMyCredential(session: Session, id: string): Promise<void> {
  await identityClient().deleteApplicationCredential(
    { userId: '', id },
    await callOptions(session.token),
  );
}

/** Changes the session user's own password; identity revokes all their tokens (this one too). */
export async function changeMyPassword(
  session: Session,
  p: { originalPassword: string; password: string },
): Promise<void> {
  await identityClient().changePassword(
    { userId: session.user.id, ...p },
    await callOptions(session.token),
  );
}
