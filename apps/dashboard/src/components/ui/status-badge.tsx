import type { Tone } from '../../lib/shared/status.ts';
import styles from './status-badge.module.css';

/** A status word with a colour; the word alone carries the meaning (colour is a hint). */
export function StatusBadge({ label, tone }: { label: string; tone: Tone }) {
  return (
    <span className={`${styles.badge} ${styles[tone]}`}>
      {tone === 'busy' ? <span className={styles.spin} aria-hidden="true" /> : null}
      {label}
    </span>
  );
}
