import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AssignmentsTable } from '../../../../../../../components/identity/assignments-table.tsx';
import { GrantForm } from '../../../../../../../components/identity/grant-form.tsx';
import { ActionForm } from '../../../../../../../components/ui/action-form.tsx';
import { ErrorNote } from '../../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../../components/ui/skeleton.tsx';
import { getProject } from '../../../../../../../lib/cloud/identity.ts';
import { requireAdmin } from '../../../../../../../lib/cloud/session.ts';
import { editProject } from '../actions.ts';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectAdminPage({
  params,
}: {
  params: Promise<{ id: string; projectId: string }>;
}) {
  const session = await requireAdmin();
  const { id, projectId } = await params;
  const back = (
    <nav aria-label="Breadcrumb">
      <ol className="crumbs">
        <li>
          <Link href={`/projects/${id}/admin/projects`}>Projects</Link>
        </li>
      </ol>
    </nav>
  );
  const p = await getProject(session, projectId);
  if (!p.ok) {
    return (
      <>
        {back}
        <h1>Project</h1>
        <ErrorNote error={p.error} />
      </>
    );
  }
  const project = p.value;
  return (
    <>
      {back}
      <h1>Project {project.name}</h1>
      <p className="muted mono">{project.id}</p>
      <Panel title="Edit">
        <ActionForm
          action={editProject}
          idPrefix="pe"
          label={`Edit project ${project.name}`}
          submitLabel="Save"
          pendingLabel="Saving…"
          hidden={{ id: project.id }}
          fields={[
            {
              kind: 'text',
              name: 'description',
              label: 'Description',
              defaultValue: project.description,
            },
            {
              kind: 'checkbox',
              name: 'enabled',
              label: 'Enabled (a disabled project cannot be logged in to)',
              defaultChecked: project.enabled,
            },
          ]}
        />
      </Panel>
      <Panel title="Give a role on this project">
        <Suspense fallback={<Skeleton label="the form" rows={2} />}>
          <GrantForm session={session} projectId={project.id} />
        </Suspense>
      </Panel>
      <Panel title="Who has a role here">
        <Suspense fallback={<Skeleton label="role assignments" rows={4} />}>
          <AssignmentsTable session={session} projectId={project.id} />
        </Suspense>
      </Panel>
    </>
  );
}
