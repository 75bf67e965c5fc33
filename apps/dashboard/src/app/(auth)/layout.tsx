import type { ReactNode } from 'react';
import styles from './auth.module.css';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className={styles.wrap} id="main">
      <div className={styles.card}>
        <p className={styles.brand} aria-hidden="true">
          tiny<span>stack</span>
        </p>
        {children}
      </div>
    </main>
  );
}
