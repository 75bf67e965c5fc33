'use client';

import { useActionState } from 'react';
import { SubmitButton } from '../../../components/ui/submit-button.tsx';
import { switchProject, type SwitchState } from '../actions.ts';

/** A button that switches the session to `projectId` (and on to `next`, a page there). */
export function SwitchToProject({
  projectId,
  label,
  next,
}: {
  projectId: string;
  label: string;
  next?: string;
}) {
  const [state, action] = useActionState<SwitchState, FormData>(switchProject, { status: 'idle' });
  return (
    <form action={action}>
      <input type="hidden" name="projectId" value={projectId} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <SubmitButton pendingLabel="Switching…">{label}</SubmitButton>
      {state.message ? (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
