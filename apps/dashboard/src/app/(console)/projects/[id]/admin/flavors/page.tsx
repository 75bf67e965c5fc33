import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { listFlavors } from '../../../../../../lib/cloud/compute-resources.ts';
import { requireAdmin, type Session } from '../../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS } from '../../../../../../lib/shared/cloud-error.ts';
import { formatMiB } from '../../../../../../lib/shared/format.ts';
import { removeFlavor } from './actions.ts';
import { FlavorForm } from './flavor-form.tsx';
import { DeleteButton } from '../../../../../../components/ui/delete-button.tsx';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';

export const metadata: Metadata = { title: 'Flavors' };

async function FlavorsTable({ session }: { session: Session }) {
  const r = await listFlavors(session);
  if (!r.ok) {
    return ABSENT_KINDS.has(r.error.kind) ? (
      <UnavailableNote what="Compute" />
    ) : (
      <ErrorNote error={r.error} />
    );
  }
  return (
    <DeleteHost
      action={removeFlavor}
      field="id"
      what="flavor"
      consequence="Running instances keep their size; nobody can launch new ones with this flavor."
    >
      <DataTable
        caption="Flavors"
        columns={['Name', 'ID', 'vCPUs', 'RAM', 'Disk', 'Public', 'Actions']}
      >
        {r.value.map((f) => (
          <tr key={f.id}>
            <td>
              {f.name}
              {f.description ? <span className="muted"> · {f.description}</span> : null}
            </td>
            <td className="mono">{f.id}</td>
            <td>{f.vcpus}</td>
            <td>{formatMiB(f.ramMb)}</td>
            <td>{f.diskGb} GiB</td>
            <td>{f.isPublic ? 'Yes' : 'No'}</td>
            <td>
              <DeleteButton id={f.id} label={f.name} />
            </td>
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function FlavorsPage() {
  const session = await requireAdmin();
  return (
    <>
      <h1>Flavors</h1>
      <Panel title="Create a flavor">
        <FlavorForm />
      </Panel>
      <Panel title="All flavors">
        <Suspense fallback={<Skeleton label="flavors" rows={5} />}>
          <FlavorsTable session={session} />
        </Suspense>
      </Panel>
    </>
  );
}
