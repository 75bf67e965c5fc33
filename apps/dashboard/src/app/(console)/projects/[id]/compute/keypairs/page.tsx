import type { Metadata } from 'next';
import { MissingFeature } from '../../../../../../components/ui/missing-feature.tsx';

export const metadata: Metadata = { title: 'Key pairs' };

export default function KeypairsPage() {
  return (
    <>
      <h1>Key pairs</h1>
      <MissingFeature what="Key pairs are not in this dashboard yet.">
        Create, import and delete them with <code>openstack keypair create|delete</code> meanwhile.
      </MissingFeature>
    </>
  );
}
