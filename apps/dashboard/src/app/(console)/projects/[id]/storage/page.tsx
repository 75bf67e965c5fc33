import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { DeleteHost } from '../../../../../components/ui/delete-host.tsx';
import { EmptyState } from '../../../../../components/ui/empty-state.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../components/ui/skeleton.tsx';
import { listContainers } from '../../../../../lib/cloud/object-store.ts';
import { requireSession, type Session } from '../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS } from '../../../../../lib/shared/cloud-error.ts';
import { formatBytes, formatCount, formatDateTime } from '../../../../../lib/shared/format.ts';
import { removeContainer } from './actions.ts';
import { CreateContainerForm } from './create-container-form.tsx';

export const metadata: Metadata = { title: 'Object storage' };

const PAGE = 500;

async function ContainersTable({
  session,
  projectId,
  marker,
}: {
  session: Session;
  projectId: string;
  marker: string;
}) {
  const res = await listContainers(session, { marker, limit: PAGE });
  if (!res.ok) {
    return ABSENT_KINDS.has(res.error.kind) ? (
      <UnavailableNote what="Object storage" />
    ) : (
      <ErrorNote error={res.error} />
    );
  }
  const rows = res.value;
  if (rows.length === 0 && !marker) {
    return (
      <EmptyState title="No containers yet.">
        <p>Create a container above, then upload files into it.</p>
      </EmptyState>
    );
  }
  const base = `/projects/${projectId}/storage`;
  return (
    <DeleteHost
      action={removeContainer}
      field="name"
      what="container"
      consequence="Only an empty container can be deleted: delete its objects first. Its public URL and temporary URLs stop working."
    >
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Containers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Objects
              </th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Last modified</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.name}>
                <td>
                  <Link href={`${base}/${encodeURIComponent(c.name)}`}>{c.name}</Link>
                </td>
                <td className="num">{formatCount(c.objectCount)}</td>
                <td className="num">{formatBytes(c.bytesUsed)}</td>
                <td>{formatDateTime(c.lastModified)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-danger btn-small"
                    data-delete={c.name}
                    data-label={c.name}
                    aria-label={`Delete container ${c.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === PAGE ? (
        <nav className="pager" aria-label="Containers pages">
          <Link href={`${base}?marker=${encodeURIComponent(rows.at(-1)?.name ?? '')}`}>
            Next {PAGE} containers
          </Link>
        </nav>
      ) : null}
    </DeleteHost>
  );
}

export default async function StoragePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, sp, session] = await Promise.all([params, searchParams, requireSession()]);
  const marker = typeof sp.marker === 'string' ? sp.marker : '';
  return (
    <>
      <h1>Object storage</h1>
      <CreateContainerForm />
      <Panel title="Containers">
        <Suspense fallback={<Skeleton label="containers" rows={5} />}>
          <ContainersTable session={session} projectId={id} marker={marker} />
        </Suspense>
      </Panel>
    </>
  );
}
