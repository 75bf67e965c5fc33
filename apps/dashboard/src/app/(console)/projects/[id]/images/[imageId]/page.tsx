import type { Metadata } from 'next';
import Link from 'next/link';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { ErrorNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { StatusBadge } from '../../../../../../components/ui/status-badge.tsx';
import { getImage } from '../../../../../../lib/cloud/image.ts';
import { requireSession } from '../../../../../../lib/cloud/session.ts';
import { formatBytes, formatDateTime } from '../../../../../../lib/shared/format.ts';
import { propertiesText } from '../../../../../../lib/shared/image.schemas.ts';
import { hasRole } from '../../../../../../lib/shared/roles.ts';
import { imageTone } from '../../../../../../lib/shared/status.ts';
import { removeImage } from '../actions.ts';
import { ImageEditForm } from './image-edit-form.tsx';
import styles from '../../../../../../components/overview/overview.module.css';

export const metadata: Metadata = { title: 'Image' };

export default async function ImagePage({
  params,
}: {
  params: Promise<{ id: string; imageId: string }>;
}) {
  const [{ id, imageId }, session] = await Promise.all([params, requireSession()]);
  const res = await getImage(session, imageId);
  const back = <Link href={`/projects/${id}/images`}>Images</Link>;
  if (!res.ok) {
    return (
      <>
        <p>{back}</p>
        <h1>Image</h1>
        <ErrorNote error={res.error} />
      </>
    );
  }
  const img = res.value;
  const canManage =
    session.isAdmin || (img.owner === session.project?.id && hasRole(session.roles, 'member'));
  const props = Object.entries(img.properties).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <p>{back}</p>
      <h1>{img.name || img.id}</h1>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd>
          <StatusBadge label={img.status} tone={imageTone(img.status)} />
        </dd>
        <dt>ID</dt>
        <dd className="mono">{img.id}</dd>
        <dt>Visibility</dt>
        <dd>{img.visibility}</dd>
        <dt>Protected</dt>
        <dd>{img.protected ? 'yes' : 'no'}</dd>
        <dt>Formats</dt>
        <dd>
          {img.diskFormat || '—'} / {img.containerFormat || '—'}
        </dd>
        <dt>Size</dt>
        <dd>
          {img.size === undefined ? 'no data yet' : formatBytes(img.size)}
          {img.virtualSize ? ` (virtual ${formatBytes(img.virtualSize)})` : ''}
        </dd>
        <dt>Minimum disk / RAM</dt>
        <dd>
          {img.minDisk} GiB / {img.minRam} MiB
        </dd>
        <dt>Checksum</dt>
        <dd className="mono">{img.checksum || '—'}</dd>
        <dt>Owner</dt>
        <dd className="mono">{img.owner}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(img.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDateTime(img.updatedAt)}</dd>
        <dt>Tags</dt>
        <dd>{img.tags.length ? img.tags.join(', ') : 'none'}</dd>
        {props.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt className="mono">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {canManage ? (
        <>
          <Panel title="Edit">
            <ImageEditForm
              isAdmin={session.isAdmin}
              image={{
                id: img.id,
                name: img.name,
                visibility: img.visibility,
                protected: img.protected,
                properties: propertiesText(img.properties),
                updatedAt: img.updatedAt,
              }}
            />
          </Panel>
          <Panel title="Delete">
            <DeleteHost
              action={removeImage}
              field="id"
              what="image"
              consequence="The image and its data are deleted for good. Instances already booted from it keep running."
            >
              <p>
                {img.protected
                  ? 'This image is protected: the image service refuses to delete it until protection is turned off above.'
                  : 'Deleting removes the image and its data.'}
              </p>
              <button
                type="button"
                className="btn btn-danger"
                data-delete={img.id}
                data-label={img.name || img.id}
              >
                Delete image
              </button>
            </DeleteHost>
          </Panel>
        </>
      ) : (
        <p className="muted">Only members of the project that owns this image may change it.</p>
      )}
    </>
  );
}
