import type { Metadata } from 'next';
import Link from 'next/link';
import { newPasswordFields } from '../../../../../../../components/identity/new-password-fields.ts';
import { ActionForm } from '../../../../../../../components/ui/action-form.tsx';
import { ErrorNote } from '../../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../../components/ui/panel.tsx';
import { StatusBadge } from '../../../../../../../components/ui/status-badge.tsx';
import { getUser } from '../../../../../../../lib/cloud/identity.ts';
import { requireAdmin } from '../../../../../../../lib/cloud/session.ts';
import { resetUserPassword } from '../actions.ts';

export const metadata: Metadata = { title: 'User' };

export default async function UserAdminPage({
  params,
}: {
  params: Promise<{ id: string; userId: string }>;
}) {
  const session = await requireAdmin();
  const { id, userId } = await params;
  const back = (
    <nav aria-label="Breadcrumb">
      <ol className="crumbs">
        <li>
          <Link href={`/projects/${id}/admin/users`}>Users</Link>
        </li>
      </ol>
    </nav>
  );
  const u = await getUser(session, userId);
  if (!u.ok) {
    return (
      <>
        {back}
        <h1>User</h1>
        <ErrorNote error={u.error} />
      </>
    );
  }
  const user = u.value;
  const isYou = user.id === session.user.id;
  return (
    <>
      {back}
      <h1>User {user.name}</h1>
      <p className="muted mono">{user.id}</p>
      <p>
        <StatusBadge
          label={user.enabled ? 'enabled' : 'disabled'}
          tone={user.enabled ? 'ok' : 'off'}
        />
        {user.email ? <span> {user.email}</span> : null}
      </p>
      <Panel title="Reset the password">
        {isYou ? (
          <p>
            To change your own password, use <Link href="/account/password">Password</Link> under
            your account: it asks for the current one.
          </p>
        ) : (
          <ActionForm
            action={resetUserPassword}
            idPrefix="pw"
            label={`Reset the password of ${user.name}`}
            submitLabel="Set password"
            pendingLabel="Setting…"
            hidden={{ id: user.id }}
            fields={newPasswordFields(
              'Their sessions and tokens end; tell them the new password yourself',
            )}
          />
        )}
      </Panel>
    </>
  );
}
