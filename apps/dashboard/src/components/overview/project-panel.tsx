import { ErrorNote } from '../ui/error-note.tsx';
import { Panel } from '../ui/panel.tsx';
import { getProject } from '../../lib/cloud/identity.ts';
import type { Session } from '../../lib/cloud/session.ts';
import { formatDateTime } from '../../lib/shared/format.ts';
import styles from './overview.module.css';

/** The project the user works in, and what they may do in it. */
export async function ProjectPanel({ session }: { session: Session }) {
  const project = session.project ? await getProject(session, session.project.id) : undefined;
  return (
    <Panel title="Project">
      {project && !project.ok ? <ErrorNote error={project.error} /> : null}
      <dl className={styles.facts}>
        <dt>Name</dt>
        <dd>{session.project?.name}</dd>
        <dt>ID</dt>
        <dd className="mono">{session.project?.id}</dd>
        <dt>Domain</dt>
        <dd>{session.project?.domainName}</dd>
        {project?.ok && project.value.description ? (
          <>
            <dt>Description</dt>
            <dd>{project.value.description}</dd>
          </>
        ) : null}
        <dt>Your roles</dt>
        <dd>{session.roles.length ? session.roles.join(', ') : 'none'}</dd>
        <dt>Session ends</dt>
        <dd>{formatDateTime(session.expiresAt)}</dd>
      </dl>
    </Panel>
  );
}
