import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorNote } from '../ui/error-note.tsx';
import { Panel } from '../ui/panel.tsx';
import { getUser, listRoleAssignments } from '../../lib/cloud/identity.ts';
import type { Session } from '../../lib/cloud/session.ts';

/** Who has which role on the project (admins). */
export async function AssignmentsPanel({
  session,
  projectId,
}: {
  session: Session;
  projectId: string;
}) {
  const assignments = await listRoleAssignments(session, { projectId });
  if (!assignments.ok) {
    return (
      <Panel title="Members">
        <ErrorNote error={assignments.error} />
      </Panel>
    );
  }
  const userIds = [...new Set(assignments.value.map((a) => a.userId).filter(Boolean))];
  const users = new Map(
    (await Promise.all(userIds.map(async (id) => [id, await getUser(session, id)] as const))).map(
      ([id, r]) => [id, r.ok ? r.value.name : id],
    ),
  );
  return (
    <Panel title="Members">
      {assignments.value.length === 0 ? (
        <EmptyState title="Nobody has a role on this project.">
          <p>
            Give users a role on it with the openstack CLI: openstack role add --user NAME --project
            PROJECT member
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Role assignments on this project</caption>
            <thead>
              <tr>
                <th scope="col">User or group</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {assignments.value.map((a) => (
                <tr key={`${a.userId}|${a.groupId}|${a.roleId}`}>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
