import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ActionForm } from '../../../../../../components/ui/action-form.tsx';
import { DeleteButton } from '../../../../../../components/ui/delete-button.tsx';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { ErrorNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { listRoles } from '../../../../../../lib/cloud/identity-admin.ts';
import { requireAdmin, type Session } from '../../../../../../lib/cloud/session.ts';
import { ROLE_ORDER } from '../../../../../../lib/shared/roles.ts';
import { addRole, removeRole } from './actions.ts';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Roles' };

const BUILT_IN = new Set<string>(ROLE_ORDER);

async function RolesTable({ session }: { session: Session }) {
  const r = await listRoles(session);
  if (!r.ok) {
    return <ErrorNote error={r.error} />;
  }
  return (
    <DeleteHost
      action={removeRole}
      field="id"
      what="role"
      consequence="Everyone who has it, anywhere, loses it."
    >
      <DataTable caption="All roles" columns={['Name', { label: 'ID', wideOnly: true }, 'Actions']}>
        {r.value.map((role) => (
          <tr key={role.id}>
            <td>{role.name}</td>
            <td className="mono wide-only">{role.id}</td>
            <td>
              {BUILT_IN.has(role.name) ? (
                <span className="muted">built in</span>
              ) : (
                <DeleteButton id={role.id} label={role.name} />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function RolesAdminPage() {
  const session = await requireAdmin();
  return (
    <>
      <h1>Roles</h1>
      <p className="muted">
        admin, member and reader are built in (each implies the next). The services act only on
        those three; other roles are names your own tools can check.
      </p>
      <Panel title="Create a role">
        <ActionForm
          action={addRole}
          idPrefix="ro"
          label="Create a role"
          submitLabel="Create role"
          pendingLabel="Creating…"
          fields={[
            { kind: 'text', name: 'name', label: 'Name', required: true },
            { kind: 'text', name: 'description', label: 'Description' },
          ]}
        />
      </Panel>
      <Panel title="All roles">
        <Suspense fallback={<Skeleton label="roles" rows={4} />}>
          <RolesTable session={session} />
        </Suspense>
      </Panel>
    </>
  );
}
