import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ActionForm } from '../../../../components/ui/action-form.tsx';
import { DeleteHost } from '../../../../components/ui/delete-host.tsx';
import { EmptyState } from '../../../../components/ui/empty-state.tsx';
import { ErrorNote } from '../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../components/ui/skeleton.tsx';
import { listMyCredentials } from '../../../../lib/cloud/account.ts';
import { requireSession, type Session } from '../../../../lib/cloud/session.ts';
import { formatDateTime } from '../../../../lib/shared/format.ts';
import { addCredential, removeCredential } from '../actions.ts';
import { DeleteButton } from '../../../../components/ui/delete-button.tsx';
import { DataTable } from '../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Application credentials' };

async function CredentialsTable({ session }: { session: Session }) {
  const r = await listMyCredentials(session);
  if (!r.ok) {
    return <ErrorNote error={r.error} />;
  }
  if (r.value.length === 0) {
    return (
      <EmptyState title="You have no application credentials.">
        <p>
          Create one above to let a script or a tool act as you in this project without your
          password.
        </p>
      </EmptyState>
    );
  }
  return (
    <DeleteHost
      action={removeCredential}
      field="id"
      what="application credential"
      consequence="Anything that logs in with it stops working at once."
    >
      <DataTable
        caption="Your application credentials"
        columns={['Name', { label: 'ID', wideOnly: true }, 'Roles', 'Expires', 'Actions']}
      >
        {r.value.map((c) => (
          <tr key={c.id}>
            <td>
              {c.name}
              {c.description ? <span className="muted"> · {c.description}</span> : null}
            </td>
            <td className="mono wide-only">{c.id}</td>
            <td>{c.roles.map((x) => x.name).join(', ')}</td>
            <td>{c.expiresAt ? formatDateTime(c.expiresAt) : 'never'}</td>
            <td>
              <DeleteButton id={c.id} label={c.name} />
            </td>
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function CredentialsPage() {
  const session = await requireSession();
  return (
    <>
      <h1>Application credentials</h1>
      <Panel title="Create an application credential">
        <p className="muted">
          It acts as you in {session.project?.name ?? 'your current project'}, with your roles there
          ({session.roles.join(', ') || 'none'}). Identity shows its secret once.
        </p>
        <ActionForm
          action={addCredential}
          idPrefix="ac"
          label="Create an application credential"
          submitLabel="Create credential"
          pendingLabel="Creating…"
          fields={[
            { kind: 'text', name: 'name', label: 'Name', required: true },
            { kind: 'text', name: 'description', label: 'Description' },
            {
              kind: 'text',
              name: 'expires',
              label: 'Expires',
              type: 'date',
              hint: 'At the end of that day (UTC); empty: never',
            },
          ]}
        />
      </Panel>
      <Panel title="Your application credentials">
        <Suspense fallback={<Skeleton label="application credentials" rows={3} />}>
          <CredentialsTable session={session} />
        </Suspense>
      </Panel>
    </>
  );
}
