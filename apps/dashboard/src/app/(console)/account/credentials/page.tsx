import type { Metadata } from 'next';
import { MissingFeature } from '../../../../components/ui/missing-feature.tsx';

export const metadata: Metadata = { title: 'Application credentials' };

export default function CredentialsPage() {
  return (
    <>
      <h1>Application credentials</h1>
      <MissingFeature what="Managing your application credentials is not in this dashboard yet.">
        Use <code>openstack application credential create|list|delete</code> meanwhile.
      </MissingFeature>
    </>
  );
}
