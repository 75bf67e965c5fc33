import type { ReactNode } from 'react';
import { requireAdmin } from '../../../../../lib/cloud/session.ts';

/** Admin panels: anyone without the admin role is sent back to the overview. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return children;
}
