import { DeleteHost } from '../ui/delete-host.tsx';
import { DeleteButton } from '../ui/delete-button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorNote } from '../ui/error-note.tsx';
import { revokeGrant } from '../../app/(console)/projects/[id]/admin/assignments/actions.ts';
import { listNamedAssignments } from '../../lib/cloud/identity-admin.ts';
import type { Session } from '../../lib/cloud/session.ts';
import { grantKey } from '../../lib/shared/identity.schemas.ts';
import { DataTable } from '../ui/data-table.tsx';

/**
 * Role assignments with a revoke button each: every project's, or one project's
 * (`projectId`), domain grants included. Your own roles on the project you work in are not
 * revoked here (that would end the session doing it).
 */
export async function AssignmentsTable({
  session,
  projectId,
}: {
  session: Session;
  projectId?: string;
}) {
  const res = await listNamedAssignments(session, projectId);
  if (!res.ok) {
    return <ErrorNote error={res.error} />;
  }
  if (res.value.length === 0) {
    return (
      <EmptyState title="Nobody has a role here yet.">
        <p>Give a user or a group a role with the form above (member lets them work in it).</p>
      </EmptyState>
    );
  }
  return (
    <DeleteHost
      action={revokeGrant}
      field="key"
      what="role"
      verb="Revoke"
      consequence="They lose what the role allowed there at once; their sessions carrying it end."
    >
      <DataTable caption="Role assignments" columns={['User or group', 'Role', 'On', 'Actions']}>
        {res.value.map((a) => {
          const actor = a.userId ? a.userName || a.userId : a.groupName || a.groupId;
          const where = a.projectId
            ? `project ${a.projectName || a.projectId}`
            : `domain ${a.domainName || a.domainId}`;
          const role = a.roleName || a.roleId;
          return (
            <tr key={`${a.userId}|${a.groupId}|${a.roleId}|${a.projectId}|${a.domainId}`}>
              <td>{a.userId ? actor : `group ${actor}`}</td>
              <td>{role}</td>
              <td>{where}</td>
              <td>
                {a.userId === session.user.id && a.projectId === session.project?.id ? (
                  <span className="muted">yours, here</span>
                ) : (
                  <DeleteButton
                    verb="Revoke"
                    label={`${role} of ${actor} on ${where}`}
                    id={grantKey({
                      actor: a.userId ? 'user' : 'group',
                      actorId: a.userId || a.groupId,
                      roleId: a.roleId,
                      target: a.projectId ? 'project' : 'domain',
                      targetId: a.projectId || a.domainId,
                    })}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </DeleteHost>
  );
}
