import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ActionForm } from '../../../../../../../components/ui/action-form.tsx';
import { EmptyState } from '../../../../../../../components/ui/empty-state.tsx';
import { ErrorNote } from '../../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../../components/ui/panel.tsx';
import { RowAction } from '../../../../../../../components/ui/row-action.tsx';
import { Skeleton } from '../../../../../../../components/ui/skeleton.tsx';
import {
  listGroupUsers,
  listGroups,
  listUsers,
} from '../../../../../../../lib/cloud/identity-admin.ts';
import { requireAdmin, type Session } from '../../../../../../../lib/cloud/session.ts';
import { addMember, removeMember } from '../actions.ts';
import { DataTable } from '../../../../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Group' };

async function Members({ session, groupId }: { session: Session; groupId: string }) {
  const [members, users] = await Promise.all([
    listGroupUsers(session, groupId),
    listUsers(session),
  ]);
  if (!members.ok) {
    return <ErrorNote error={members.error} />;
  }
  const inGroup = new Set(members.value.map((u) => u.id));
  const others = users.ok ? users.value.filter((u) => !inGroup.has(u.id)) : [];
  return (
    <>
      {others.length > 0 ? (
        <ActionForm
          action={addMember}
          idPrefix="gm"
          label="Add a user to the group"
          submitLabel="Add to group"
          pendingLabel="Adding…"
          hidden={{ groupId }}
          fields={[
            {
              kind: 'select',
              name: 'userId',
              label: 'User',
              placeholder: 'Choose a user',
              required: true,
              options: others.map((u) => ({ value: u.id, label: u.name })),
            },
          ]}
        />
      ) : null}
      {!users.ok ? <ErrorNote error={users.error} title="Users" /> : null}
      {members.value.length === 0 ? (
        <EmptyState title="Nobody is in this group yet.">
          <p>Add users with the form above; they get every role the group has.</p>
        </EmptyState>
      ) : (
        <DataTable caption="Members" columns={['User', 'Email', 'Actions']}>
          {members.value.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <RowAction
                  action={removeMember}
                  fields={{ groupId, userId: u.id }}
                  label="Remove"
                  pendingLabel="Removing…"
                  ariaLabel={`Remove ${u.name} from the group`}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export default async function GroupAdminPage({
  params,
}: {
  params: Promise<{ id: string; groupId: string }>;
}) {
  const session = await requireAdmin();
  const { id, groupId } = await params;
  const groups = await listGroups(session);
  const group = groups.ok ? groups.value.find((g) => g.id === groupId) : undefined;
  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="crumbs">
          <li>
            <Link href={`/projects/${id}/admin/groups`}>Groups</Link>
          </li>
        </ol>
      </nav>
      <h1>Group {group?.name ?? groupId}</h1>
      {!groups.ok ? <ErrorNote error={groups.error} /> : null}
      {groups.ok && !group ? <ErrorNote error={`No group with ID ${groupId} exists.`} /> : null}
      {group ? (
        <Panel title="Members">
          <Suspense fallback={<Skeleton label="members" rows={3} />}>
            <Members session={session} groupId={group.id} />
          </Suspense>
        </Panel>
      ) : null}
    </>
  );
}
