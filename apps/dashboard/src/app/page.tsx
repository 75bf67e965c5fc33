import { redirect } from 'next/navigation';
import { getSessionState } from '../lib/cloud/session.ts';

export const dynamic = 'force-dynamic';

/** `/`: the current project's overview, or the login page. */
export default async function Home() {
  const s = await getSessionState();
  if (s.state === 'active') {
    redirect(s.session.project ? `/projects/${s.session.project.id}` : '/projects');
  }
  redirect(
    s.state === 'ended'
      ? `/session-ended?reason=${s.reason}`
      : s.state === 'unavailable'
        ? '/projects'
        : '/login',
  );
}
