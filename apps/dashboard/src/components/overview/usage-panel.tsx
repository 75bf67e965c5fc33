import { Suspense } from 'react';
import { UsageMeter } from '../charts/usage-meter.tsx';
import { ErrorNote, UnavailableNote } from '../ui/error-note.tsx';
import { Panel } from '../ui/panel.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { quotaUsage } from '../../lib/cloud/compute-resources.ts';
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

const COMPUTE_METERS = [
  ['instances', 'Instances', undefined],
  ['cores', 'vCPUs', undefined],
  ['ram', 'RAM', formatMiB],
  ['key_pairs', 'Key pairs', undefined],
] as const;

/** Compute's quota: use against the limit per resource, from compute itself. */
async function ComputeUsage({ session }: { session: Session }) {
  const r = await quotaUsage(session);
  if (!r.ok) {
    return <Failure r={r} />;
  }
  return (
    <div className="usage-grid">
      {COMPUTE_METERS.map(([resource, label, format]) => {
        const q = r.value.find((u) => u.resource === resource);
        return q ? (
          <UsageMeter
            key={resource}
            label={label}
            used={q.inUse}
            limit={q.limit}
            {...(format ? { format } : {})}
          />
        ) : null;
      })}
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
 * The project's use of each service, as meters. Compute reports its quota limits; the
 * image and object-store contracts do not yet, so those meters show use without a limit.
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
        Image and object-storage limits are not shown yet: those services do not report quotas to
        the dashboard.
      </p>
    </Panel>
  );
}
