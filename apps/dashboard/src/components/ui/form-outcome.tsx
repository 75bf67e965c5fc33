import type { FormState } from '../../lib/shared/form-state.ts';

/** A form's outcome sentence: a status when it worked, an alert when it did not. */
export function FormOutcome({ state }: { state: FormState<string> }) {
  return state.message ? (
    <p
      className={state.status === 'ok' ? 'note note-ok' : 'note note-error'}
      role={state.status === 'ok' ? 'status' : 'alert'}
    >
      {state.message}
    </p>
  ) : null;
}
