import { listMyProjects } from '../../lib/cloud/identity.ts';
import type { Session } from '../../lib/cloud/session.ts';
import { ProjectSwitcher } from './project-switcher.tsx';
import styles from './shell.module.css';

/** The current project, with the switcher when the user has more than one. */
export async function HeaderProjects({ session }: { session: Session }) {
  const current = session.project;
  if (!current) {
    return <span className={styles.projectName}>No project</span>;
  }
  const projects = await listMyProjects(session);
  if (!projects.ok || projects.value.length < 2) {
    return (
      <span>
        <span className="muted">Project </span>
        <span className={styles.projectName}>{current.name}</span>
      </span>
    );
  }
  return (
    <ProjectSwitcher
      current={{ id: current.id, name: current.name }}
      projects={projects.value.map((p) => ({ id: p.id, name: p.name }))}
    />
  );
}
