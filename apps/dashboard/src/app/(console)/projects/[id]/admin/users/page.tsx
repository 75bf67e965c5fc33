import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ActionForm } from '../../../../../../components/ui/action-form.tsx';
import { DeleteButton } from '../../../../../../components/ui/delete-button.tsx';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { ErrorNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { RowAction } from '../../../../../../components/ui/row-action.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { StatusBadge } from '../../../../../../components/ui/status-badge.tsx';
import { listProjects, listUsers } from '../../../../../../lib/cloud/identity-admin.ts';
import { requireAdmin, type Session } from '../../../../../../lib/cloud/session.ts';
import { addUser, removeUser, toggleUser } from './actions.ts';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Users' };

async function NewUserForm({ session }: { session: Session }) {
  const projects = await listProjects(session);
  return (
    <ActionForm
      action={addUser}
      idPrefix="us"
      label="Create a user"
      submitLabel="Create user"
      pendingLabel="Creating…"
      fields={[
        { kind: 'text', name: 'name', label: 'Name', required: true, autoComplete: 'off' },
        { kind: 'text', name: 'email', label: 'Email', type: 'email' },
        {
          kind: 'text',
          name: 'password',
          label: 'Password',
          type: 'password',
          autoComplete: 'new-password',
          required: true,
        },
        {
          kind: 'text',
          name: 'confirm',
          label: 'Password again',
          type: 'password',
          autoComplete: 'new-password',
          required: true,
        },
        {
          kind: 'select',
          name: 'defaultProjectId',
          label: 'Default project',
          hint: 'Where the CLI logs them in; it gives them no role there',
          placeholder: 'None',
          options: projects.ok ? projects.value.map((p) => ({ value: p.id, label: p.name })) : [],
        },
        { kind: 'checkbox', name: 'enabled', label: 'Enabled', defaultChecked: true },
      ]}
    />
  );
}

async function UsersTable({ session, projectId }: { session: Session; projectId: string }) {
  const r = await listUsers(session);
  if (!r.ok) {
    return <ErrorNote error={r.error} />;
  }
  return (
    <DeleteHost
      action={removeUser}
      field="id"
      what="user"
      consequence="Their sessions, role assignments, group memberships and application credentials go with them."
    >
      <DataTable
        caption="All users"
        columns={[
          'Name',
          { label: 'ID', wideOnly: true },
          { label: 'Email', wideOnly: true },
          'Status',
          'Actions',
        ]}
      >
        {r.value.map((u) => (
          <tr key={u.id}>
            <td>
              <Link href={`/projects/${projectId}/admin/users/${u.id}`} prefetch={false}>
                {u.name}
              </Link>
            </td>
            <td className="mono wide-only">{u.id}</td>
            <td className="wide-only">{u.email}</td>
            <td>
              <StatusBadge
                label={u.enabled ? 'enabled' : 'disabled'}
                tone={u.enabled ? 'ok' : 'off'}
              />
            </td>
            <td>
              {u.id === session.user.id ? (
                <span className="muted">you</span>
              ) : (
                <div className="row-actions" role="group" aria-label={`Actions for ${u.name}`}>
                  <RowAction
                    action={toggleUser}
                    fields={{ id: u.id, enabled: String(!u.enabled) }}
                    label={u.enabled ? 'Disable' : 'Enable'}
                    pendingLabel={u.enabled ? 'Disabling…' : 'Enabling…'}
                    ariaLabel={`${u.enabled ? 'Disable' : 'Enable'} ${u.name}`}
                  />
                  <DeleteButton id={u.id} label={u.name} />
                </div>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function UsersAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireAdmin();
  const { id } = await params;
  return (
    <>
      <h1>Users</h1>
      <Panel title="Create a user">
        <Suspense fallback={<Skeleton label="the form" rows={3} />}>
          <NewUserForm session={session} />
        </Suspense>
      </Panel>
      <Panel title="All users">
        <Suspense fallback={<Skeleton label="users" rows={5} />}>
          <UsersTable session={session} projectId={id} />
        </Suspense>
      </Panel>
    </>
  );
}
