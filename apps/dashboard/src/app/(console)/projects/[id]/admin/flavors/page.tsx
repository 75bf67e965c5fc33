import type { Metadata } from 'next';
import { MissingFeature } from '../../../../../../components/ui/missing-feature.tsx';
import { requireAdmin } from '../../../../../../lib/cloud/session.ts';

export const metadata: Metadata = { title: 'Flavors' };

export default async function FlavorsPage() {
  await requireAdmin();
  return (
    <>
      <h1>Flavors</h1>
      <MissingFeature what="Managing flavors is not in this dashboard yet.">
        Use <code>openstack flavor list|create|delete</code> meanwhile. Each instance&apos;s flavor
        shows in the instances list.
      </MissingFeature>
    </>
  );
}
