import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { ConsoleNav } from '../../components/shell/console-nav.tsx';
import { HeaderProjects } from '../../components/shell/header-projects.tsx';
import { SubmitButton } from '../../components/ui/submit-button.tsx';
import { getSessionState, requireSession } from '../../lib/cloud/session.ts';
import { logout } from './actions.ts';
import styles from '../../components/shell/shell.module.css';

export const dynamic = 'force-dynamic';

function IdentityDown() {
  return (
    <main id="main" className={styles.main}>
      <h1>Identity is not available</h1>
      <div className="note note-error" role="alert">
        The identity service did not answer, so your session cannot be checked and nothing can be
        shown. The rest of the cloud may be fine. <a href="">Try again</a> in a moment.
      </div>
    </main>
  );
}

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  if ((await getSessionState()).state === 'unavailable') {
    return <IdentityDown />;
  }
  const session = await requireSession();
  const home = session.project ? `/projects/${session.project.id}` : '/projects';
  return (
    <>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <header className={styles.header}>
        <Link href={home} className={styles.brand} aria-label="tinystack home">
          tiny<span>stack</span>
        </Link>
        <Suspense
          fallback={<span className={styles.projectName}>{session.project?.name ?? ''}</span>}
        >
          <HeaderProjects session={session} />
        </Suspense>
        <span className={styles.spacer} />
        <div className={styles.user}>
          <span className={styles.userName}>
            {session.user.name}
            {session.user.domainName !== 'Default' ? ` @ ${session.user.domainName}` : ''}
          </span>
          {session.isAdmin ? <span className={styles.admin}>admin</span> : null}
          <form action={logout}>
            <SubmitButton variant="plain" small pendingLabel="Logging out…">
              Log out
            </SubmitButton>
          </form>
        </div>
      </header>
      <div className={styles.body}>
        <ConsoleNav
          isAdmin={session.isAdmin}
          {...(session.project ? { projectId: session.project.id } : {})}
        />
        <main id="main" className={styles.main} tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
