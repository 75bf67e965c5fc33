import { NavLink } from './nav-link.tsx';
import styles from './shell.module.css';

/** The side navigation: the project's resources, the admin panels (admins only), the account. */
export function ConsoleNav({ projectId, isAdmin }: { projectId?: string; isAdmin: boolean }) {
  const p = projectId ? `/projects/${projectId}` : undefined;
  return (
    <nav className={styles.nav} aria-label="Main">
      {p ? (
        <div>
          <h2>Project</h2>
          <ul>
            <li>
              <NavLink href={p} exact>
                Overview
              </NavLink>
            </li>
            <li>
              <NavLink href={`${p}/compute/instances`}>Instances</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/compute/keypairs`}>Key pairs</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/network/networks`}>Networks</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/network/floating-ips`}>Floating IPs</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/images`}>Images</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/storage`}>Object storage</NavLink>
            </li>
          </ul>
        </div>
      ) : null}
      {p && isAdmin ? (
        <div>
          <h2>Admin</h2>
          <ul>
            <li>
              <NavLink href={`${p}/admin/flavors`}>Flavors</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/admin/projects`}>Projects</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/admin/users`}>Users</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/admin/groups`}>Groups</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/admin/roles`}>Roles</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/admin/assignments`}>Role assignments</NavLink>
            </li>
          </ul>
        </div>
      ) : null}
      <div>
        <h2>Account</h2>
        <ul>
          <li>
            <NavLink href="/account" exact>
              Profile
            </NavLink>
          </li>
          <li>
            <NavLink href="/account/credentials">Application credentials</NavLink>
          </li>
          <li>
            <NavLink href="/account/password">Password</NavLink>
          </li>
        </ul>
      </div>
    </nav>
  );
}
