import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { ErrorNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { getProject, getUser, listRoleAssignments } from '../../../../../../lib/cloud/identity.ts';
import { requireAdmin, type Session } from '../../../../../../lib/cloud/session.ts';

export const metadata: Metadata = { title: 'Role assignments' };

async function names<T extends { name: string }>(
  ids: string[],
  get: (id: string) => Promise<{ ok: true; value: T } | { ok: false }>,
) {
  const pairs = await Promise.all(ids.map(async (id) => [id, await get(id)] as const));
  return new Map(pairs.map(([id, r]) => [id, r.ok ? r.value.name : id]));
}

async function AssignmentsTable({ session }: { session: Session }) {
  const res = await listRoleAssignments(session);
  if (!res.ok) {
    return <ErrorNote error={res.error} />;
  }
  if (res.value.length === 0) {
    return <EmptyState title="No role assignments." />;
  }
  const rows = res.value;
  const [users, projects] = await Promise.all([
    names([...new Set(rows.map((a) => a.userId).filter(Boolean))], (id) => getUser(session, id)),
    names([...new Set(rows.map((a) => a.projectId).filter(Boolean))], (id) =>
      getProject(session, id),
    ),
  ]);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Role assignments</caption>
        <thead>
          <tr>
            <th scope="col">User or group</th>
            <th scope="col">Role</th>
            <th scope="col">On</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={`${a.userId}|${a.groupId}|${a.roleId}|${a.projectId}|${a.domainId}`}>
              <td>
                {a.userId ? (
                  users.get(a.userId)
                ) : (
                  <>
                    group <span className="mono">{a.groupId}</span>
                  </>
                )}
              </td>
              <td>{a.roleName || a.roleId}</td>
              <td>
                {a.projectId ? (
                  <>project {projects.get(a.projectId)}</>
                ) : (
                  <>
                    domain <span className="mono">{a.domainId}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function AssignmentsPage() {
  const session = await requireAdmin();
  return (
    <>
      <h1>Role assignments</h1>
      <Panel title="Everyone's roles">
        <Suspense fallback={<Skeleton label="role assignments" rows={6} />}>
          <AssignmentsTable session={session} />
        </Suspense>
      </Panel>
    </>
  );
}
