import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AssignmentsTable } from '../../../../../../components/identity/assignments-table.tsx';
import { GrantForm } from '../../../../../../components/identity/grant-form.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { requireAdmin } from '../../../../../../lib/cloud/session.ts';

export const metadata: Metadata = { title: 'Role assignments' };

export default async function AssignmentsPage() {
  const session = await requireAdmin();
  return (
    <>
      <h1>Role assignments</h1>
      <Panel title="Give a role on a project">
        <Suspense fallback={<Skeleton label="the form" rows={2} />}>
          <GrantForm session={session} />
        </Suspense>
      </Panel>
      <Panel title="Everyone's roles">
        <Suspense fallback={<Skeleton label="role assignments" rows={6} />}>
          <AssignmentsTable session={session} />
        </Suspense>
      </Panel>
    </>
  );
}
