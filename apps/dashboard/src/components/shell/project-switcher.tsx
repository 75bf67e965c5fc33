'use client';

import { useActionState, useRef } from 'react';
import { switchProject, type SwitchState } from '../../app/(console)/actions.ts';
import styles from './shell.module.css';

interface Option {
  readonly id: string;
  readonly name: string;
}

/**
 * The project switcher: a labelled select that switches on change (with JavaScript) and a
 * Switch button (without). Shown only when the user has a role on more than one project.
 */
export function ProjectSwitcher({
  current,
  projects,
}: {
  current: Option;
  projects: readonly Option[];
}) {
  const [state, action, pending] = useActionState<SwitchState, FormData>(switchProject, {
    status: 'idle',
  });
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className={styles.switcher}>
      <label htmlFor="project-switcher">Project</label>
      <select
        id="project-switcher"
        name="projectId"
        defaultValue={current.id}
        disabled={pending}
        onChange={() => form.current?.requestSubmit()}
        aria-describedby={state.message ? 'project-switcher-error' : undefined}
      >
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="btn btn-small">
          Switch
        </button>
      </noscript>
      {pending ? <span role="status">Switching…</span> : null}
      {state.message ? (
        <span id="project-switcher-error" role="alert" className={styles.switchError}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
