import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorNote } from '../../../components/ui/error-note.tsx';
import { listMyProjects } from '../../../lib/cloud/identity.ts';
import { requireSession } from '../../../lib/cloud/session.ts';
import { SwitchToProject } from './switch-to-project.tsx';

export const metadata: Metadata = { title: 'Projects' };

/** `/projects`: the current project, or (for a user without one yet) what to do next. */
export default async function ProjectsPage() {
  const session = await requireSession();
  if (session.project) {
    redirect(`/projects/${session.project.id}`);
  }
  const projects = await listMyProjects(session);
  return (
    <>
      <h1>Projects</h1>
      {!projects.ok ? (
        <ErrorNote error={projects.error} />
      ) : projects.value.length === 0 ? (
        <EmptyState title="You have no role on any project yet.">
          <p>
            Ask an administrator to give you a role (for example member) on a project, then log in
            again.
          </p>
        </EmptyState>
      ) : (
        <ul>
          {projects.value.map((p) => (
            <li key={p.id}>
              <SwitchToProject projectId={p.id} label={`Work in ${p.name}`} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
