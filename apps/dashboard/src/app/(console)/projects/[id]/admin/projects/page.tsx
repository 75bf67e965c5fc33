import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ActionForm } from '../../../../../../components/ui/action-form.tsx';
import { DeleteButton } from '../../../../../../components/ui/delete-button.tsx';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { ErrorNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { StatusBadge } from '../../../../../../components/ui/status-badge.tsx';
import { listProjects } from '../../../../../../lib/cloud/identity-admin.ts';
import { requireAdmin, type Session } from '../../../../../../lib/cloud/session.ts';
import { addProject, removeProject } from './actions.ts';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Projects' };

async function ProjectsTable({ session, base }: { session: Session; base: string }) {
  const r = await listProjects(session);
  if (!r.ok) {
    return <ErrorNote error={r.error} />;
  }
  return (
    <DeleteHost
      action={removeProject}
      field="id"
      what="project"
      consequence="Its role assignments go with it. Delete its instances, images and containers first: they are not deleted with it."
    >
      <DataTable
        caption="All projects"
        columns={['Name', { label: 'ID', wideOnly: true }, 'Description', 'Status', 'Actions']}
      >
        {r.value.map((p) => (
          <tr key={p.id}>
            <td>
              <Link href={`${base}/${p.id}`} prefetch={false}>
                {p.name}
              </Link>
            </td>
            <td className="mono wide-only">{p.id}</td>
            <td>{p.description}</td>
            <td>
              <StatusBadge
                label={p.enabled ? 'enabled' : 'disabled'}
                tone={p.enabled ? 'ok' : 'off'}
              />
            </td>
            <td>
              {p.id === session.project?.id ? (
                <span className="muted">current</span>
              ) : (
                <DeleteButton id={p.id} label={p.name} />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function ProjectsAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireAdmin();
  const { id } = await params;
  return (
    <>
      <h1>Projects</h1>
      <Panel title="Create a project">
        <ActionForm
          action={addProject}
          idPrefix="pj"
          label="Create a project"
          submitLabel="Create project"
          pendingLabel="Creating…"
          fields={[
            { kind: 'text', name: 'name', label: 'Name', required: true },
            { kind: 'text', name: 'description', label: 'Description' },
            { kind: 'checkbox', name: 'enabled', label: 'Enabled', defaultChecked: true },
          ]}
        />
      </Panel>
      <Panel title="All projects">
        <Suspense fallback={<Skeleton label="projects" rows={5} />}>
          <ProjectsTable session={session} base={`/projects/${id}/admin/projects`} />
        </Suspense>
      </Panel>
    </>
  );
}
