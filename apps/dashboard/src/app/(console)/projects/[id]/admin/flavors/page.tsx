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
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Flavors</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ID</th>
              <th scope="col">vCPUs</th>
              <th scope="col">RAM</th>
              <th scope="col">Disk</th>
              <th scope="col">Public</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
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
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    data-delete={f.id}
                    data-label={f.name}
                    aria-label={`Delete ${f.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
