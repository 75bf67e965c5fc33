import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { config } from '../../../../../../lib/cloud/config.ts';
import { accountOf, headContainer, listObjects } from '../../../../../../lib/cloud/object-store.ts';
import { requireSession, type Session } from '../../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS } from '../../../../../../lib/shared/cloud-error.ts';
import { formatBytes, formatDateTime } from '../../../../../../lib/shared/format.ts';
import { nameInFolder, prefixCrumbs } from '../../../../../../lib/shared/storage.schemas.ts';
import { encodePath } from '../../../../../../lib/shared/temp-url.ts';
import { ContainerAccess } from './container-access.tsx';
import { ObjectActionsHost } from './object-actions-host.tsx';
import { ObjectUpload } from './object-upload.tsx';
import styles from './objects.module.css';

export const metadata: Metadata = { title: 'Container' };

const PAGE = 200;

interface Where {
  readonly base: string;
  readonly container: string;
  readonly prefix: string;
  readonly marker: string;
}

const folderHref = (w: Where, prefix: string) =>
  prefix ? `${w.base}?prefix=${encodeURIComponent(prefix)}` : w.base;

async function ObjectsTable({ session, where }: { session: Session; where: Where }) {
  const res = await listObjects(session, where.container, {
    prefix: where.prefix,
    delimiter: '/',
    marker: where.marker,
    limit: PAGE,
  });
  if (!res.ok) {
    return ABSENT_KINDS.has(res.error.kind) ? (
      <UnavailableNote what="Object storage" />
    ) : (
      <ErrorNote error={res.error} />
    );
  }
  const items = res.value;
  if (items.length === 0 && !where.marker) {
    return (
      <EmptyState title={where.prefix ? 'This folder is empty.' : 'This container is empty.'}>
        <p>Upload a file with the form above.</p>
      </EmptyState>
    );
  }
  const last = items.at(-1);
  const nextMarker = last ? last.subdir || last.object?.name || '' : '';
  return (
    <ObjectActionsHost container={where.container}>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">
            Objects in {where.prefix || 'the container'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Type</th>
              <th scope="col">Last modified</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) =>
              item.subdir ? (
                <tr key={`d:${item.subdir}`}>
                  <td>
                    <Link className={styles.folder} href={folderHref(where, item.subdir)}>
                      {nameInFolder(item.subdir, where.prefix)}
                    </Link>
                  </td>
                  <td className="num">—</td>
                  <td>folder</td>
                  <td>—</td>
                  <td />
                </tr>
              ) : item.object ? (
                <tr key={`o:${item.object.name}`}>
                  <td className="mono">{nameInFolder(item.object.name, where.prefix)}</td>
                  <td className="num">{formatBytes(item.object.size)}</td>
                  <td>{item.object.contentType}</td>
                  <td>{formatDateTime(item.object.lastModified)}</td>
                  <td>
                    <div className={styles.actions}>
                      <a
                        className="btn btn-small"
                        href={`/api/storage/download?${new URLSearchParams({ container: where.container, name: item.object.name }).toString()}`}
                        download
                        aria-label={`Download ${item.object.name}`}
                      >
                        Download
                      </a>
                      <button
                        type="button"
                        className="btn btn-danger btn-small"
                        data-action="delete"
                        data-name={item.object.name}
                        aria-label={`Delete ${item.object.name}`}
                      >
                        Delete
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        data-action="tempurl"
                        data-name={item.object.name}
                        aria-label={`Temporary URL for ${item.object.name}`}
                      >
                        Temporary URL
                      </button>
                    </div>
                  </td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      </div>
      {items.length === PAGE ? (
        <nav className="pager" aria-label="Object pages">
          <Link
            href={`${folderHref(where, where.prefix)}${where.prefix ? '&' : '?'}marker=${encodeURIComponent(nextMarker)}`}
          >
            Next {PAGE} entries
          </Link>
        </nav>
      ) : null}
    </ObjectActionsHost>
  );
}

async function AccessPanel({ session, container }: { session: Session; container: string }) {
  const res = await headContainer(session, container);
  if (!res.ok) {
    return ABSENT_KINDS.has(res.error.kind) ? (
      <UnavailableNote what="Object storage" />
    ) : (
      <ErrorNote error={res.error} />
    );
  }
  const base = config().OBJECT_STORE_PUBLIC_URL?.replace(/\/+$/, '').replace(/\/v1$/, '');
  const publicUrl = base
    ? `${base}/v1/${encodePath(accountOf(session))}/${encodePath(container)}/`
    : undefined;
  return (
    <ContainerAccess container={container} isPublic={res.value.isPublic} publicUrl={publicUrl} />
  );
}

export default async function ContainerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; container: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id, container: raw }, sp, session] = await Promise.all([
    params,
    searchParams,
    requireSession(),
  ]);
  const container = decodeURIComponent(raw);
  const prefix = typeof sp.prefix === 'string' ? sp.prefix : '';
  const marker = typeof sp.marker === 'string' ? sp.marker : '';
  const where: Where = {
    base: `/projects/${id}/storage/${encodeURIComponent(container)}`,
    container,
    prefix,
    marker,
  };
  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="crumbs">
          <li>
            <Link href={`/projects/${id}/storage`}>Containers</Link>
          </li>
          <li>
            {prefix ? (
              <Link href={where.base}>{container}</Link>
            ) : (
              <span aria-current="page">{container}</span>
            )}
          </li>
          {prefixCrumbs(prefix).map((c, i, all) => (
            <li key={c.prefix}>
              {i === all.length - 1 ? (
                <span aria-current="page">{c.name}</span>
              ) : (
                <Link href={folderHref(where, c.prefix)}>{c.name}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1>{prefix ? `${container} / ${prefix}` : container}</h1>
      <Panel title="Access">
        <Suspense fallback={<Skeleton label="access" rows={1} />}>
          <AccessPanel session={session} container={container} />
        </Suspense>
      </Panel>
      <ObjectUpload container={container} prefix={prefix} />
      <Panel title="Objects">
        <Suspense key={`${prefix}|${marker}`} fallback={<Skeleton label="objects" rows={6} />}>
          <ObjectsTable session={session} where={where} />
        </Suspense>
      </Panel>
    </>
  );
}
