'use client';

import { useActionState } from 'react';
import type { FormState } from '../../lib/shared/form-state.ts';
import { SubmitButton } from './submit-button.tsx';

/**
 * One button in a table row that runs a server action with `fields` (hidden inputs), e.g.
 * "Disable" a user. Its error shows right next to it.
 */
export function RowAction({
  action,
  fields,
  label,
  pendingLabel,
  ariaLabel,
  variant = 'plain',
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: Readonly<Record<string, string>>;
  label: string;
  pendingLabel: string;
  ariaLabel: string;
  variant?: 'plain' | 'danger';
}) {
  const [state, run] = useActionState<FormState, FormData>(action, { status: 'idle' });
  return (
    <form action={run}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton small variant={variant} pendingLabel={pendingLabel} ariaLabel={ariaLabel}>
        {label}
      </SubmitButton>
      {state.status === 'error' && state.message ? (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
