import styles from './skeleton.module.css';

/** The placeholder of a panel while its data loads (the Suspense fallback). */
export function Skeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className={styles.skeleton} role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">Loading {label}…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div
          key={i}
          className={styles.line}
          style={{ width: `${90 - ((i * 17) % 40)}%` }}
          aria-hidden="true"
        />
      ))}
    </div>
  );
}
