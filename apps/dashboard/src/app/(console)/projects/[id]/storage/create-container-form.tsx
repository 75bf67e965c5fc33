'use client';

import { useActionState } from 'react';
import { Field } from '../../../../../components/ui/field.tsx';
import { SubmitButton } from '../../../../../components/ui/submit-button.tsx';
import { createContainer, type StorageState } from './actions.ts';

export function CreateContainerForm() {
  const [state, action] = useActionState<StorageState, FormData>(createContainer, {
    status: 'idle',
  });
  return (
    <form action={action} className="inline-form" aria-label="Create a container">
      <Field
        id="name"
        label="New container"
        placeholder="e.g. backups"
        defaultValue={state.status === 'error' ? (state.values?.name ?? '') : ''}
        key={state.status === 'ok' ? state.message : 'form'}
        errors={state.fieldErrors?.name}
        required
      />
      <SubmitButton pendingLabel="Creating…">Create container</SubmitButton>
      {state.message && !state.fieldErrors ? (
        <p
          className={state.status === 'ok' ? 'note note-ok' : 'note note-error'}
          role={state.status === 'ok' ? 'status' : 'alert'}
        >
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
