import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AutoRefresh } from '../../../../../../components/ui/auto-refresh.tsx';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../../components/ui/error-note.tsx';
import { InstanceActionsHost } from '../../../../../../components/compute/instance-actions-host.tsx';
import { InstanceButtons } from '../../../../../../components/compute/instance-buttons.tsx';
import { LaunchDialog } from '../../../../../../components/compute/launch-dialog.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { StatusBadge } from '../../../../../../components/ui/status-badge.tsx';
import { listServerPage, powerStateName } from '../../../../../../lib/cloud/compute.ts';
import {
  listFlavors,
  listKeypairs,
  quotaUsage,
} from '../../../../../../lib/cloud/compute-resources.ts';
import { listImages } from '../../../../../../lib/cloud/image.ts';
import { listFloatingIps, listNetworks } from '../../../../../../lib/cloud/network.ts';
import { requireSession, type Session } from '../../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS } from '../../../../../../lib/shared/cloud-error.ts';
import { formatAge, formatMiB } from '../../../../../../lib/shared/format.ts';
import {
  addressesText,
  launchNetworkOptions,
} from '../../../../../../lib/shared/network.schemas.ts';
import { hasRole } from '../../../../../../lib/shared/roles.ts';
import { isServerTransitional, serverTone } from '../../../../../../lib/shared/status.ts';

export const metadata: Metadata = { title: 'Instances' };

/** Rows per page: a page of 100 instances with their action buttons took over 200 ms to render here. */
const PAGE = 50;

async function InstancesTable({
  session,
  projectId,
  marker,
}: {
  session: Session;
  projectId: string;
  marker: string;
}) {
  const [page, images, fips] = await Promise.all([
    listServerPage(session, { marker, limit: PAGE }),
    listImages(session),
    listFloatingIps(session),
  ]);
  if (!page.ok) {
    return ABSENT_KINDS.has(page.error.kind) ? (
      <UnavailableNote what="Compute" />
    ) : (
      <ErrorNote error={page.error} />
    );
  }
  const servers = page.value.servers;
  const base = `/projects/${projectId}/compute/instances`;
  if (servers.length === 0 && marker) {
    return (
      <EmptyState title="No more instances.">
        <p>
          <Link href={base}>Back to the first page</Link>
        </p>
      </EmptyState>
    );
  }
  if (servers.length === 0) {
    return (
      <EmptyState title="No instances in this project.">
        <p>Launch one with the button above; it appears here as it builds.</p>
      </EmptyState>
    );
  }
  const imageNames = new Map(images.ok ? images.value.map((i) => [i.id, i.name]) : []);
  const floating = new Set(fips.ok ? fips.value.map((f) => f.floatingIpAddress) : []);
  const now = Date.now();
  return (
    <>
      <AutoRefresh active={servers.some(isServerTransitional)} what="instances" />
      <InstanceActionsHost>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Instances</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Power state</th>
                <th scope="col">Flavor</th>
                <th scope="col">Image</th>
                <th scope="col">Addresses</th>
                <th scope="col">Age</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {servers.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/projects/${projectId}/compute/instances/${s.id}`}>
                      {s.name || s.id}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge
                      label={s.taskState ? `${s.status} (${s.taskState})` : s.status}
                      tone={serverTone(s.status)}
                    />
                  </td>
                  <td>{powerStateName(s.powerState)}</td>
                  <td>
                    {s.flavor ? (
                      <>
                        {s.flavor.name}
                        <span className="muted">
                          {' '}
                          · {s.flavor.vcpus} vCPU · {formatMiB(s.flavor.ramMb)}
                        </span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {s.imageId
                      ? (imageNames.get(s.imageId) ?? (
                          <span className="mono">{s.imageId.slice(0, 8)}</span>
                        ))
                      : '—'}
                  </td>
                  <td className="mono">{addressesText(s.addresses, floating) || '—'}</td>
                  <td>{formatAge(s.createdAt, now)}</td>
                  <td>
                    <InstanceButtons server={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </InstanceActionsHost>
      {page.value.next || marker ? (
        <nav className="pager" aria-label="Instance pages">
          {marker ? <Link href={base}>First page</Link> : null}
          {page.value.next ? (
            <Link href={`${base}?marker=${encodeURIComponent(page.value.next)}`}>
              Next {PAGE} instances
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

/**
 * The launch button and dialog, with what it offers: images, flavors, key pairs, networks
 * (automatic and none alone when the network service does not answer), quota.
 */
async function Launch({ session }: { session: Session }) {
  const [images, flavors, keypairs, networks, quota] = await Promise.all([
    listImages(session),
    listFlavors(session),
    listKeypairs(session),
    listNetworks(session),
    quotaUsage(session),
  ]);
  if (!flavors.ok) {
    return ABSENT_KINDS.has(flavors.error.kind) ? null : <ErrorNote error={flavors.error} />;
  }
  return (
    <LaunchDialog
      images={
        images.ok
          ? images.value
              .filter((i) => i.status === 'active')
              .map((i) => ({ id: i.id, name: i.name }))
          : []
      }
      flavors={flavors.value.map((f) => ({
        id: f.id,
        name: f.name,
        vcpus: f.vcpus,
        ramMb: f.ramMb,
        diskGb: f.diskGb,
      }))}
      keypairs={keypairs.ok ? keypairs.value.map((k) => k.name) : []}
      networks={launchNetworkOptions(networks.ok ? networks.value : [], session.project?.id)}
      quota={quota.ok ? quota.value : []}
    />
  );
}

export default async function InstancesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, sp, session] = await Promise.all([params, searchParams, requireSession()]);
  const marker = typeof sp['marker'] === 'string' ? sp['marker'] : '';
  return (
    <>
      <h1>Instances</h1>
      {hasRole(session.roles, 'member') ? (
        <Suspense fallback={<Skeleton label="launch options" rows={1} />}>
          <Launch session={session} />
        </Suspense>
      ) : null}
      <Panel title="Instances">
        <Suspense fallback={<Skeleton label="instances" rows={6} />}>
          <InstancesTable session={session} projectId={id} marker={marker} />
        </Suspense>
      </Panel>
    </>
  );
}
