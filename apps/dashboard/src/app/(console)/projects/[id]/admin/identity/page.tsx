import type { Metadata } from 'next';
import { MissingFeature } from '../../../../../../components/ui/missing-feature.tsx';
import { requireAdmin } from '../../../../../../lib/cloud/session.ts';

export const metadata: Metadata = { title: 'Identity' };

export default async function IdentityAdminPage() {
  await requireAdmin();
  return (
    <>
      <h1>Identity</h1>
      <MissingFeature what="Creating and editing projects, users, groups and roles is not in this dashboard yet.">
        Use <code>openstack project|user|group|role create</code> and{' '}
        <code>openstack role add</code> meanwhile. Who has which role where is under{' '}
        <em>Role assignments</em>.
      </MissingFeature>
    </>
  );
}
