import type { Metadata } from 'next';
import { newPasswordFields } from '../../../../components/identity/new-password-fields.ts';
import { ActionForm } from '../../../../components/ui/action-form.tsx';
import { Panel } from '../../../../components/ui/panel.tsx';
import { requireSession } from '../../../../lib/cloud/session.ts';
import { changePassword } from '../actions.ts';

export const metadata: Metadata = { title: 'Password' };

export default async function PasswordPage() {
  const session = await requireSession();
  return (
    <>
      <h1>Change your password</h1>
      <Panel title={`Password of ${session.user.name}`}>
        <p className="muted">
          Changing it ends all your sessions, this one too: you log in again with the new password.
          Application credentials keep working.
        </p>
        <ActionForm
          action={changePassword}
          idPrefix="pw"
          label="Change your password"
          submitLabel="Change password"
          pendingLabel="Changing…"
          fields={[
            {
              kind: 'text',
              name: 'originalPassword',
              label: 'Current password',
              type: 'password',
              autoComplete: 'current-password',
              required: true,
            },
            ...newPasswordFields(),
          ]}
        />
      </Panel>
    </>
  );
}
