import type { Metadata } from 'next';
import { MissingFeature } from '../../../../components/ui/missing-feature.tsx';

export const metadata: Metadata = { title: 'Password' };

export default function PasswordPage() {
  return (
    <>
      <h1>Change your password</h1>
      <MissingFeature what="Changing your password is not in this dashboard yet.">
        Use <code>openstack user password set</code> meanwhile.
      </MissingFeature>
    </>
  );
}
