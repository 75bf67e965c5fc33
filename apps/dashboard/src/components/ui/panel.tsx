import type { ReactNode } from 'react';
import styles from './panel.module.css';

/** A titled section of a page; `actions` sit at the right of the title. */
export function Panel({
  title,
  actions,
  children,
  id,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-title`;
  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.head}>
        <h2 id={headingId}>{title}</h2>
        {actions ? <div className="btn-row">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
