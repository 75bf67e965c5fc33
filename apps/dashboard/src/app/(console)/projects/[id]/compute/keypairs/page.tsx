import type { Metadata } from 'next';
import { Suspense } from 'react';
import {
  CreateKeypairForm,
  ImportKeypairForm,
} from '../../../../../../components/compute/keypair-forms.tsx';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { listKeypairs } from '../../../../../../lib/cloud/compute-resources.ts';
import { requireSession, type Session } from '../../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS } from '../../../../../../lib/shared/cloud-error.ts';
import { formatDateTime } from '../../../../../../lib/shared/format.ts';
import { removeKeypair } from '../actions.ts';
import { DeleteButton } from '../../../../../../components/ui/delete-button.tsx';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Key pairs' };

async function KeypairsTable({ session }: { session: Session }) {
  const r = await listKeypairs(session);
  if (!r.ok) {
    return ABSENT_KINDS.has(r.error.kind) ? (
      <UnavailableNote what="Compute" />
    ) : (
      <ErrorNote error={r.error} />
    );
  }
  if (r.value.length === 0) {
    return (
      <EmptyState title="You have no key pairs.">
        <p>Create one or import your public key to log in to your instances with SSH.</p>
      </EmptyState>
    );
  }
  return (
    <DeleteHost
      action={removeKeypair}
      field="name"
      what="key pair"
      consequence="Instances that use it keep their copy of the public key; new instances can no longer use it."
    >
      <DataTable
        caption="Key pairs"
        columns={['Name', 'Type', 'Fingerprint', 'Created', 'Actions']}
      >
        {r.value.map((k) => (
          <tr key={k.name}>
            <td>{k.name}</td>
            <td>{k.type}</td>
            <td className="mono">{k.fingerprint}</td>
            <td>{formatDateTime(k.createdAt)}</td>
            <td>
              <DeleteButton id={k.name} label={k.name} />
            </td>
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function KeypairsPage() {
  const session = await requireSession();
  return (
    <>
      <h1>Key pairs</h1>
      <Panel title="Create">
        <p className="muted">
          Compute generates the pair; your browser downloads the private key once. It is not kept
          anywhere else.
        </p>
        <CreateKeypairForm />
      </Panel>
      <Panel title="Import a public key">
        <ImportKeypairForm />
      </Panel>
      <Panel title="Your key pairs">
        <Suspense fallback={<Skeleton label="key pairs" rows={3} />}>
          <KeypairsTable session={session} />
        </Suspense>
      </Panel>
    </>
  );
}
