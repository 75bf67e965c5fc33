import type { ReactNode } from 'react';
import { EmptyState } from '../../../../components/ui/empty-state.tsx';
import { ErrorNote } from '../../../../components/ui/error-note.tsx';
import { listMyProjects } from '../../../../lib/cloud/identity.ts';
import { requireSession } from '../../../../lib/cloud/session.ts';
import { SwitchToProject } from '../switch-to-project.tsx';

/**
 * Pages under /projects/[id] act with the session's project token. When the URL names
 * another project (a bookmark, a link from a colleague), say so and offer to switch, rather
 * than showing one project's page with another's data.
 */
export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const session = await requireSession();
  if (session.project?.id === id) {
    return children;
  }
  const projects = await listMyProjects(session);
  if (!projects.ok) {
    return <ErrorNote error={projects.error} />;
  }
  const target = projects.value.find((p) => p.id === id);
  if (!target) {
    return (
      <EmptyState title="You have no role on this project.">
        <p>
          It may not exist, or nobody gave you a role on it.{' '}
          {session.project ? `You are working in ${session.project.name}.` : ''}
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <h1>{target.name}</h1>
      <p>
        This page belongs to the project <strong>{target.name}</strong>; you are working in{' '}
        <strong>{session.project?.name ?? 'no project'}</strong>.
      </p>
      <SwitchToProject
        projectId={target.id}
        label={`Switch to ${target.name}`}
        next={`/projects/${target.id}`}
      />
    </>
  );
}
