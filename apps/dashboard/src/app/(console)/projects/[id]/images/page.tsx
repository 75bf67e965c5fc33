import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AutoRefresh } from '../../../../../components/ui/auto-refresh.tsx';
import { EmptyState } from '../../../../../components/ui/empty-state.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../components/ui/skeleton.tsx';
import { StatusBadge } from '../../../../../components/ui/status-badge.tsx';
import { listImages } from '../../../../../lib/cloud/image.ts';
import { requireSession, type Session } from '../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS } from '../../../../../lib/shared/cloud-error.ts';
import { formatAge, formatBytes } from '../../../../../lib/shared/format.ts';
import { imageTone, isImageTransitional } from '../../../../../lib/shared/status.ts';
import { ImageUpload } from './image-upload.tsx';

export const metadata: Metadata = { title: 'Images' };

async function ImagesTable({ session, projectId }: { session: Session; projectId: string }) {
  const res = await listImages(session);
  if (!res.ok) {
    return ABSENT_KINDS.has(res.error.kind) ? (
      <UnavailableNote what="The image service" />
    ) : (
      <ErrorNote error={res.error} />
    );
  }
  if (res.value.length === 0) {
    return (
      <EmptyState title="No images yet.">
        <p>
          Upload a disk image (for example a qcow2 cloud image) with the form above; instances boot
          from images.
        </p>
      </EmptyState>
    );
  }
  const now = Date.now();
  return (
    <>
      <AutoRefresh active={res.value.some((i) => isImageTransitional(i.status))} what="images" />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Images</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Visibility</th>
              <th scope="col">Format</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Owner</th>
              <th scope="col">Age</th>
            </tr>
          </thead>
          <tbody>
            {res.value.map((img) => (
              <tr key={img.id}>
                <td>
                  <Link href={`/projects/${projectId}/images/${img.id}`}>{img.name || img.id}</Link>
                  {img.protected ? <span className="muted"> (protected)</span> : null}
                </td>
                <td>
                  <StatusBadge label={img.status} tone={imageTone(img.status)} />
                </td>
                <td>{img.visibility}</td>
                <td>{img.diskFormat || '—'}</td>
                <td className="num">{img.size === undefined ? '—' : formatBytes(img.size)}</td>
                <td>
                  {img.owner === session.project?.id ? (
                    'this project'
                  ) : (
                    <span className="mono">{img.owner.slice(0, 8)}</span>
                  )}
                </td>
                <td>{formatAge(img.createdAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export default async function ImagesPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, session] = await Promise.all([params, requireSession()]);
  return (
    <>
      <h1>Images</h1>
      <Panel title="Upload an image">
        <ImageUpload isAdmin={session.isAdmin} />
      </Panel>
      <Panel title="Images">
        <Suspense fallback={<Skeleton label="images" rows={6} />}>
          <ImagesTable session={session} projectId={id} />
        </Suspense>
        <p className="muted">
          Open an image to edit its name, visibility, protection and properties, or to delete it.
        </p>
      </Panel>
    </>
  );
}
