import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '../../../../../../../components/ui/auto-refresh.tsx';
import { ErrorNote } from '../../../../../../../components/ui/error-note.tsx';
import { ConsoleLog } from '../../../../../../../components/compute/console-log.tsx';
import { InstanceActionsHost } from '../../../../../../../components/compute/instance-actions-host.tsx';
import { InstanceButtons } from '../../../../../../../components/compute/instance-buttons.tsx';
import { StatusBadge } from '../../../../../../../components/ui/status-badge.tsx';
import { getServer, powerStateName } from '../../../../../../../lib/cloud/compute.ts';
import { listFloatingIps } from '../../../../../../../lib/cloud/network.ts';
import { requireSession } from '../../../../../../../lib/cloud/session.ts';
import { formatDateTime, formatMiB } from '../../../../../../../lib/shared/format.ts';
import { addressesText } from '../../../../../../../lib/shared/network.schemas.ts';
import { isServerTransitional, serverTone } from '../../../../../../../lib/shared/status.ts';
import styles from '../../../../../../../components/overview/overview.module.css';

export const metadata: Metadata = { title: 'Instance' };

export default async function InstancePage({
  params,
}: {
  params: Promise<{ id: string; serverId: string }>;
}) {
  const [{ id, serverId }, session] = await Promise.all([params, requireSession()]);
  const [res, fips] = await Promise.all([getServer(session, serverId), listFloatingIps(session)]);
  const back = <Link href={`/projects/${id}/compute/instances`}>Instances</Link>;
  if (!res.ok) {
    return (
      <>
        <p>{back}</p>
        <h1>Instance</h1>
        <ErrorNote error={res.error} />
      </>
    );
  }
  const s = res.value;
  const floating = new Set(
    fips.ok ? fips.value.filter((f) => f.serverId === s.id).map((f) => f.floatingIpAddress) : [],
  );
  return (
    <>
      <p>{back}</p>
      <h1>{s.name || s.id}</h1>
      <AutoRefresh active={isServerTransitional(s)} what="details" />
      <InstanceActionsHost afterDelete={`/projects/${id}/compute/instances`}>
        <InstanceButtons server={s} />
      </InstanceActionsHost>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd>
          <StatusBadge
            label={s.taskState ? `${s.status} (${s.taskState})` : s.status}
            tone={serverTone(s.status)}
          />
        </dd>
        <dt>Power state</dt>
        <dd>{powerStateName(s.powerState)}</dd>
        <dt>ID</dt>
        <dd className="mono">{s.id}</dd>
        <dt>Flavor</dt>
        <dd>
          {s.flavor
            ? `${s.flavor.name} (${s.flavor.vcpus} vCPU, ${formatMiB(s.flavor.ramMb)} RAM, ${s.flavor.diskGb} GiB disk)`
            : '—'}
        </dd>
        <dt>Image</dt>
        <dd className="mono">{s.imageId || '—'}</dd>
        <dt>Key pair</dt>
        <dd>{s.keyName || '—'}</dd>
        <dt>Addresses</dt>
        <dd>
          <span className="mono">{addressesText(s.addresses, floating) || '—'}</span>{' '}
          <Link href={`/projects/${id}/network/floating-ips`}>Floating IPs</Link>
        </dd>
        {s.host ? (
          <>
            <dt>Host</dt>
            <dd>{s.host}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>{formatDateTime(s.createdAt)}</dd>
        <dt>Launched</dt>
        <dd>{formatDateTime(s.launchedAt)}</dd>
        {s.fault ? (
          <>
            <dt>Fault</dt>
            <dd className="note note-error">{s.fault.message}</dd>
          </>
        ) : null}
      </dl>
      <div style={{ marginTop: '1.25rem' }}>
        {s.launchedAt > 0 || s.status !== 'BUILD' ? (
          <ConsoleLog serverId={s.id} />
        ) : (
          <p className="muted">The console log shows once the instance has started.</p>
        )}
      </div>
    </>
  );
}
