import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { StatusBadge } from '../../../../../../components/ui/status-badge.tsx';
import { listNetworks, type Network } from '../../../../../../lib/cloud/network.ts';
import { requireSession, type Session } from '../../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS } from '../../../../../../lib/shared/cloud-error.ts';
import { networkTone } from '../../../../../../lib/shared/network.schemas.ts';

export const metadata: Metadata = { title: 'Networks' };

/** Yes/no flags in words (the word carries the meaning, not a tick mark). */
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function NetworksTable({ caption, networks }: { caption: string; networks: readonly Network[] }) {
  return (
    <DataTable
      caption={caption}
      columns={['Name', 'Subnets', 'Shared', 'External', 'Status', { label: 'ID', wideOnly: true }]}
    >
      {networks.map((n) => (
        <tr key={n.id}>
          <td>{n.name || <span className="mono">{n.id.slice(0, 8)}</span>}</td>
          <td className="mono">
            {n.subnets.length === 0
              ? '—'
              : n.subnets.map((s) => (
                  <div key={s.id}>
                    {s.cidr}
                    {s.gatewayIp ? <span className="muted"> gateway {s.gatewayIp}</span> : null}
                  </div>
                ))}
          </td>
          <td>{yesNo(n.shared)}</td>
          <td>{yesNo(n.external)}</td>
          <td>
            <StatusBadge label={n.status} tone={networkTone(n.status)} />
          </td>
          <td className="mono wide-only">{n.id}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The project's own networks, then the shared and external ones it may use. */
async function Networks({ session, projectId }: { session: Session; projectId: string }) {
  const r = await listNetworks(session);
  if (!r.ok) {
    return ABSENT_KINDS.has(r.error.kind) ? (
      <UnavailableNote what="Networking" />
    ) : (
      <ErrorNote error={r.error} />
    );
  }
  const own = r.value.filter((n) => n.projectId === projectId);
  // an admin sees every project's networks: only the ones this project may use are shown
  const others = r.value.filter((n) => n.projectId !== projectId && (n.shared || n.external));
  return (
    <>
      <Panel title="Project networks">
        {own.length === 0 ? (
          <EmptyState title="This project has no network yet.">
            <p>
              <Link href={`/projects/${projectId}/compute/instances`}>Launch an instance</Link> with
              the network &ldquo;Automatic (get-me-a-network)&rdquo;: the project then gets its own
              network, subnet and a router to the external network, and the network shows here.
            </p>
          </EmptyState>
        ) : (
          <NetworksTable caption="Project networks" networks={own} />
        )}
      </Panel>
      <Panel title="Shared and external networks">
        {others.length === 0 ? (
          <EmptyState title="No shared or external network is offered to this project." />
        ) : (
          <>
            <p className="muted">
              External networks hand out{' '}
              <Link href={`/projects/${projectId}/network/floating-ips`}>floating IPs</Link>.
            </p>
            <NetworksTable caption="Shared and external networks" networks={others} />
          </>
        )}
      </Panel>
    </>
  );
}

export default async function NetworksPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, session] = await Promise.all([params, requireSession()]);
  return (
    <>
      <h1>Networks</h1>
      <Suspense fallback={<Skeleton label="networks" rows={4} />}>
        <Networks session={session} projectId={session.project?.id ?? id} />
      </Suspense>
    </>
  );
}
