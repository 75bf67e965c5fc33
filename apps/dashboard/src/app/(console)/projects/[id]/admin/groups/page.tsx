import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ActionForm } from '../../../../../../components/ui/action-form.tsx';
import { DeleteButton } from '../../../../../../components/ui/delete-button.tsx';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { ErrorNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { listGroups } from '../../../../../../lib/cloud/identity-admin.ts';
import { requireAdmin, type Session } from '../../../../../../lib/cloud/session.ts';
import { addGroup, removeGroup } from './actions.ts';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Groups' };

async function GroupsTable({ session, base }: { session: Session; base: string }) {
  const r = await listGroups(session);
  if (!r.ok) {
    return <ErrorNote error={r.error} />;
  }
  if (r.value.length === 0) {
    return (
      <EmptyState title="There are no groups yet.">
        <p>
          Create one above, add users to it, then give the group a role on a project: everyone in it
          gets that role.
        </p>
      </EmptyState>
    );
  }
  return (
    <DeleteHost
      action={removeGroup}
      field="id"
      what="group"
      consequence="Its members lose the roles they had through it; the users themselves stay."
    >
      <DataTable
        caption="All groups"
        columns={['Name', 'Description', { label: 'ID', wideOnly: true }, 'Actions']}
      >
        {r.value.map((g) => (
          <tr key={g.id}>
            <td>
              <Link href={`${base}/${g.id}`} prefetch={false}>
                {g.name}
              </Link>
            </td>
            <td>{g.description}</td>
            <td className="mono wide-only">{g.id}</td>
            <td>
              <DeleteButton id={g.id} label={g.name} />
            </td>
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function GroupsAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireAdmin();
  const { id } = await params;
  return (
    <>
      <h1>Groups</h1>
      <Panel title="Create a group">
        <ActionForm
          action={addGroup}
          idPrefix="gr"
          label="Create a group"
          submitLabel="Create group"
          pendingLabel="Creating…"
          fields={[
            { kind: 'text', name: 'name', label: 'Name', required: true },
            { kind: 'text', name: 'description', label: 'Description' },
          ]}
        />
      </Panel>
      <Panel title="All groups">
        <Suspense fallback={<Skeleton label="groups" rows={4} />}>
          <GroupsTable session={session} base={`/projects/${id}/admin/groups`} />
        </Suspense>
      </Panel>
    </>
  );
}
