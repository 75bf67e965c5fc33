import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorNote } from '../../../components/ui/error-note.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { listMyProjects } from '../../../lib/cloud/identity.ts';
import { requireSession, type Session } from '../../../lib/cloud/session.ts';
import { formatDateTime } from '../../../lib/shared/format.ts';
import styles from '../../../components/overview/overview.module.css';

export const metadata: Metadata = { title: 'Profile' };

async function MyProjects({ session }: { session: Session }) {
  const res = await listMyProjects(session);
  if (!res.ok) {
    return <ErrorNote error={res.error} />;
  }
  if (res.value.length === 0) {
    return <EmptyState title="You have no role on any project." />;
  }
  return (
    <ul>
      {res.value.map((p) => (
        <li key={p.id}>
          {p.name} {p.id === session.project?.id ? <strong>(current)</strong> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function ProfilePage() {
  const session = await requireSession();
  return (
    <>
      <h1>Profile</h1>
      <dl className={styles.facts}>
        <dt>User</dt>
        <dd>{session.user.name}</dd>
        <dt>User ID</dt>
        <dd className="mono">{session.user.id}</dd>
        <dt>Domain</dt>
        <dd>{session.user.domainName}</dd>
        <dt>Current project</dt>
        <dd>{session.project?.name ?? 'none'}</dd>
        <dt>Roles there</dt>
        <dd>{session.roles.join(', ') || 'none'}</dd>
        <dt>Session ends</dt>
        <dd>{formatDateTime(session.expiresAt)}</dd>
      </dl>
      <div style={{ marginTop: '1.25rem' }}>
        <Panel title="Your projects">
          <Suspense fallback={<Skeleton label="your projects" />}>
            <MyProjects session={session} />
          </Suspense>
        </Panel>
      </div>
    </>
  );
}
