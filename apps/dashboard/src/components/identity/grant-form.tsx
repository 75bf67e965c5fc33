import { ActionForm, type FieldSpec } from '../ui/action-form.tsx';
import { ErrorNote } from '../ui/error-note.tsx';
import { grantRole } from '../../app/(console)/projects/[id]/admin/assignments/actions.ts';
import {
  listDomains,
  listGroups,
  listProjects,
  listRoles,
  listUsers,
} from '../../lib/cloud/identity-admin.ts';
import type { Session } from '../../lib/cloud/session.ts';

/**
 * "Give a role": role, user or group, and where: a project or a domain (fixed to one project
 * when `projectId` is given).
 */
export async function GrantForm({ session, projectId }: { session: Session; projectId?: string }) {
  const [roles, users, groups, projects, domains] = await Promise.all([
    listRoles(session),
    listUsers(session),
    listGroups(session),
    projectId ? Promise.resolve(undefined) : listProjects(session),
    projectId ? Promise.resolve(undefined) : listDomains(session),
  ]);
  const failed = [roles, users, groups, projects, domains].find((r) => r && !r.ok);
  if (failed && !failed.ok) {
    return <ErrorNote error={failed.error} title="The form cannot be shown" />;
  }
  const ok = <T,>(r: { ok: true; value: T } | { ok: false } | undefined, none: T): T =>
    r?.ok ? r.value : none;
  const fields: FieldSpec[] = [
    {
      kind: 'select',
      name: 'actor',
      label: 'User or group',
      placeholder: 'Choose a user or group',
      required: true,
      options: [
        ...ok(users, []).map((u) => ({ value: `user:${u.id}`, label: u.name })),
        ...ok(groups, []).map((g) => ({ value: `group:${g.id}`, label: `group ${g.name}` })),
      ],
    },
    {
      kind: 'select',
      name: 'roleId',
      label: 'Role',
      required: true,
      defaultValue: ok(roles, []).find((r) => r.name === 'member')?.id ?? '',
      options: ok(roles, []).map((r) => ({ value: r.id, label: r.name })),
    },
  ];
  if (!projectId) {
    fields.push({
      kind: 'select',
      name: 'target',
      label: 'On',
      hint: 'A role on a domain lets them manage the domain (its projects and users), not work in its projects',
      placeholder: 'Choose a project or a domain',
      required: true,
      options: [
        ...ok(projects, []).map((p) => ({ value: `project:${p.id}`, label: p.name })),
        ...ok(domains, []).map((d) => ({ value: `domain:${d.id}`, label: `domain ${d.name}` })),
      ],
    });
  }
  return (
    <ActionForm
      action={grantRole}
      idPrefix="grant"
      label="Give a role"
      fields={fields}
      hidden={projectId ? { target: `project:${projectId}` } : {}}
      submitLabel="Give role"
      pendingLabel="Giving…"
    />
  );
}
