import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AssignmentsPanel } from '../../../../components/overview/assignments-panel.tsx';
import { ProjectPanel } from '../../../../components/overview/project-panel.tsx';
import { UsagePanel } from '../../../../components/overview/usage-panel.tsx';
import { Skeleton } from '../../../../components/ui/skeleton.tsx';
import { requireSession } from '../../../../lib/cloud/session.ts';
import styles from '../../../../components/overview/overview.module.css';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireSession();
  return (
    <>
      <h1>Overview</h1>
      <UsagePanel session={session} />
      <div className={styles.grid}>
        <Suspense fallback={<Skeleton label="project" rows={5} />}>
          <ProjectPanel session={session} />
        </Suspense>
        {session.isAdmin ? (
          <Suspense fallback={<Skeleton label="members" rows={4} />}>
            <AssignmentsPanel session={session} projectId={id} />
          </Suspense>
        ) : null}
      </div>
    </>
  );
}
