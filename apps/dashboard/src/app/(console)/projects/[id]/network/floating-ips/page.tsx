import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ActionForm } from '../../../../../../components/ui/action-form.tsx';
import { DataTable } from '../../../../../../components/ui/data-table.tsx';
import { DeleteButton } from '../../../../../../components/ui/delete-button.tsx';
import { DeleteHost } from '../../../../../../components/ui/delete-host.tsx';
import { EmptyState } from '../../../../../../components/ui/empty-state.tsx';
import { ErrorNote, UnavailableNote } from '../../../../../../components/ui/error-note.tsx';
import { Panel } from '../../../../../../components/ui/panel.tsx';
import { RowAction } from '../../../../../../components/ui/row-action.tsx';
import { Skeleton } from '../../../../../../components/ui/skeleton.tsx';
import { StatusBadge } from '../../../../../../components/ui/status-badge.tsx';
import { listServers } from '../../../../../../lib/cloud/compute.ts';
import { listFloatingIps, listNetworks, listPorts } from '../../../../../../lib/cloud/network.ts';
import { requireSession, type Session } from '../../../../../../lib/cloud/session.ts';
import { ABSENT_KINDS, type CloudError } from '../../../../../../lib/shared/cloud-error.ts';
import { hasRole } from '../../../../../../lib/shared/roles.ts';
import { instancePortOptions, networkTone } from '../../../../../../lib/shared/network.schemas.ts';
import { allocate, associate, disassociate, release } from '../actions.ts';

export const metadata: Metadata = { title: 'Floating IPs' };

function Failure({ error }: { error: CloudError }) {
  return ABSENT_KINDS.has(error.kind) ? (
    <UnavailableNote what="Networking" />
  ) : (
    <ErrorNote error={error} />
  );
}

/** Allocate: from the default external network, or one the user picks. */
async function AllocateForm({ session }: { session: Session }) {
  const nets = await listNetworks(session);
  if (!nets.ok) {
    return <Failure error={nets.error} />;
  }
  const external = nets.value.filter((n) => n.external);
  return (
    <ActionForm
      action={allocate}
      idPrefix="fip-new"
      label="Allocate a floating IP"
      fields={[
        {
          kind: 'select',
          name: 'networkId',
          label: 'External network',
          hint: 'The network the address comes from.',
          options: [
            { value: '', label: 'The default external network' },
            ...external.map((n) => ({ value: n.id, label: n.name || n.id })),
          ],
        },
      ]}
      submitLabel="Allocate floating IP"
      pendingLabel="Allocating…"
    />
  );
}

/**
 * Associate: one of the project's free floating IPs with one of its instances' ports. The
 * form stays when the last free one was just used, so its outcome stays readable.
 */
async function AssociateForm({ session }: { session: Session }) {
  const [fips, ports, servers] = await Promise.all([
    listFloatingIps(session),
    listPorts(session),
    listServers(session),
  ]);
  if (!fips.ok) {
    return <Failure error={fips.error} />;
  }
  if (!ports.ok) {
    return <Failure error={ports.error} />;
  }
  const free = fips.value.filter((f) => !f.portId);
  const names = new Map(servers.ok ? servers.value.map((s) => [s.id, s.name]) : []);
  const targets = instancePortOptions(ports.value, names);
  if (targets.length === 0) {
    return (
      <p className="muted">
        No instance has a network port to forward to: launch one with a network first.
      </p>
    );
  }
  return (
    <ActionForm
      action={associate}
      idPrefix="fip-assoc"
      label="Associate a floating IP"
      fields={[
        {
          kind: 'select',
          name: 'id',
          label: 'Floating IP',
          ...(free.length === 0
            ? { hint: 'Every floating IP of the project is in use: allocate one first.' }
            : {}),
          placeholder: 'Choose a floating IP',
          required: true,
          options: free.map((f) => ({ value: f.id, label: f.floatingIpAddress })),
        },
        {
          kind: 'select',
          name: 'portId',
          label: 'Instance',
          hint: 'Traffic to the floating IP goes to this fixed address.',
          placeholder: 'Choose an instance',
          required: true,
          options: targets,
        },
      ]}
      submitLabel="Associate"
      pendingLabel="Associating…"
    />
  );
}

async function FloatingIpsTable({
  session,
  projectId,
  canChange,
}: {
  session: Session;
  projectId: string;
  canChange: boolean;
}) {
  const [fips, servers, nets] = await Promise.all([
    listFloatingIps(session),
    listServers(session),
    listNetworks(session),
  ]);
  if (!fips.ok) {
    return <Failure error={fips.error} />;
  }
  if (fips.value.length === 0) {
    return (
      <EmptyState title="This project has no floating IPs.">
        <p>
          Allocate one above, then associate it with an instance to reach the instance from outside
          its network.
        </p>
      </EmptyState>
    );
  }
  const serverNames = new Map(servers.ok ? servers.value.map((s) => [s.id, s.name]) : []);
  const netNames = new Map(nets.ok ? nets.value.map((n) => [n.id, n.name]) : []);
  return (
    <DeleteHost
      action={release}
      field="id"
      what="floating IP"
      verb="Release"
      consequence="The address goes back to the external network; the project may not get the same one again. An instance it forwards to can no longer be reached at it."
    >
      <DataTable
        caption="Floating IPs"
        columns={[
          'Address',
          'Associated with',
          { label: 'Network', wideOnly: true },
          'Status',
          ...(canChange ? ['Actions'] : []),
        ]}
      >
        {fips.value.map((f) => (
          <tr key={f.id}>
            <td className="mono">{f.floatingIpAddress}</td>
            <td>
              {f.portId ? (
                <>
                  {f.serverId ? (
                    <Link href={`/projects/${projectId}/compute/instances/${f.serverId}`}>
                      {serverNames.get(f.serverId) || f.serverId.slice(0, 8)}
                    </Link>
                  ) : (
                    <span className="muted">port {f.portId.slice(0, 8)}</span>
                  )}
                  <span className="mono"> {f.fixedIpAddress}</span>
                </>
              ) : (
                <span className="muted">not associated</span>
              )}
            </td>
            <td className="wide-only">
              {netNames.get(f.floatingNetworkId) ?? f.floatingNetworkId}
            </td>
            <td>
              <StatusBadge label={f.status} tone={networkTone(f.status)} />
            </td>
            {canChange ? (
              <td>
                <div
                  className="row-actions"
                  role="group"
                  aria-label={`Actions for ${f.floatingIpAddress}`}
                >
                  {f.portId ? (
                    <RowAction
                      action={disassociate}
                      fields={{ id: f.id, address: f.floatingIpAddress }}
                      label="Disassociate"
                      pendingLabel="Disassociating…"
                      ariaLabel={`Disassociate ${f.floatingIpAddress}`}
                    />
                  ) : null}
                  <DeleteButton id={f.id} label={f.floatingIpAddress} verb="Release" />
                </div>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </DeleteHost>
  );
}

export default async function FloatingIpsPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, session] = await Promise.all([params, requireSession()]);
  const canChange = hasRole(session.roles, 'member');
  return (
    <>
      <h1>Floating IPs</h1>
      <p className="muted">
        A floating IP is an address on an external network that forwards to an instance&apos;s fixed
        address, so the instance can be reached from outside its network.
      </p>
      {canChange ? (
        <>
          <Panel title="Allocate">
            <Suspense fallback={<Skeleton label="the form" rows={1} />}>
              <AllocateForm session={session} />
            </Suspense>
          </Panel>
          <Panel title="Associate with an instance">
            <Suspense fallback={<Skeleton label="the form" rows={2} />}>
              <AssociateForm session={session} />
            </Suspense>
          </Panel>
        </>
      ) : null}
      <Panel title="Floating IPs of the project">
        <Suspense fallback={<Skeleton label="floating IPs" rows={4} />}>
          <FloatingIpsTable session={session} projectId={id} canChange={canChange} />
        </Suspense>
      </Panel>
    </>
  );
}
