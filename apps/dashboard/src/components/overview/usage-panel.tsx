import { Suspense } from 'react';
import { UsageMeter } from '../charts/usage-meter.tsx';
import { ErrorNote, UnavailableNote } from '../ui/error-note.tsx';
import { Panel } from '../ui/panel.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { listServers } from '../../lib/cloud/compute.ts';
import { listImages } from '../../lib/cloud/image.ts';
import { storageUsage } from '../../lib/cloud/object-store.ts';
import type { Result } from '../../lib/cloud/result.ts';
import type { Session } from '../../lib/cloud/session.ts';
import { ABSENT_KINDS, SERVICE_LABELS } from '../../lib/shared/cloud-error.ts';
import { formatBytes, formatMiB } from '../../lib/shared/format.ts';
import styles from './overview.module.css';

function Failure({ r }: { r: Extract<Result<unknown>, { ok: false }> }) {
  return ABSENT_KINDS.has(r.error.kind) ? (
    <UnavailableNote what={SERVICE_LABELS[r.error.service]} />
  ) : (
    <ErrorNote error={r.error} />
  );
}

async function ComputeUsage({ session }: { session: Session }) {
  const r = await listServers(session);
  if (!r.ok) {
    return <Failure r={r} />;
  }
  const used = r.value.reduce(
    (t, s) => ({ vcpus: t.vcpus + (s.flavor?.vcpus ?? 0), ram: t.ram + (s.flavor?.ramMb ?? 0) }),
    { vcpus: 0, ram: 0 },
  );
  return (
    <div className="usage-grid">
      <UsageMeter label="Instances" used={r.value.length} />
      <UsageMeter label="vCPUs" used={used.vcpus} />
      <UsageMeter label="RAM" used={used.ram} format={formatMiB} />
    </div>
  );
}

async function ImageUsage({ session }: { session: Session }) {
  const r = await listImages(session);
  if (!r.ok) {
    return <Failure r={r} />;
  }
  const own = r.value.filter((i) => i.owner === session.project?.id);
  return (
    <div className="usage-grid">
      <UsageMeter label="Images" used={own.length} />
      <UsageMeter
        label="Image storage"
        used={own.reduce((t, i) => t + (i.size ?? 0), 0)}
        format={formatBytes}
      />
    </div>
  );
}

async function StorageUsage({ session }: { session: Session }) {
  const r = await storageUsage(session);
  if (!r.ok) {
    return <Failure r={r} />;
  }
  const u = r.value;
  return (
    <div className="usage-grid">
      <UsageMeter label="Object storage" used={u.bytes} format={formatBytes} />
      <UsageMeter label="Objects" used={u.objects} />
      <UsageMeter label="Containers" used={u.containers} />
    </div>
  );
}

/**
 * The project's use of each service, as meters. The services' contracts do not give the
 * dashboard quota limits yet, so the meters show use without a limit.
 */
export function UsagePanel({ session }: { session: Session }) {
  return (
    <Panel title="Quota usage">
      <div className={styles.group}>
        <h3>Compute</h3>
        <Suspense fallback={<Skeleton label="compute usage" rows={2} />}>
          <ComputeUsage session={session} />
        </Suspense>
      </div>
      <div className={styles.group}>
        <h3>Images</h3>
        <Suspense fallback={<Skeleton label="image usage" rows={2} />}>
          <ImageUsage session={session} />
        </Suspense>
      </div>
      <div className={styles.group}>
        <h3>Object storage</h3>
        <Suspense fallback={<Skeleton label="storage usage" rows={2} />}>
          <StorageUsage session={session} />
        </Suspense>
      </div>
      <p className="muted">
        Limits are not shown yet: the services do not report quotas to the dashboard.
      </p>
    </Panel>
  );
}
