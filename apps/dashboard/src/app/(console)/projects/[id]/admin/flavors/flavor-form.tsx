'use client';

import { useActionState } from 'react';
import { CheckboxField } from '../../../../../../components/ui/checkbox-field.tsx';
import { Field } from '../../../../../../components/ui/field.tsx';
import { FormOutcome } from '../../../../../../components/ui/form-outcome.tsx';
import { SubmitButton } from '../../../../../../components/ui/submit-button.tsx';
import { addFlavor, type FlavorState } from './actions.ts';

/** "Create flavor" (admins). */
export function FlavorForm() {
  const [state, action] = useActionState<FlavorState, FormData>(addFlavor, { status: 'idle' });
  const v = state.status === 'error' ? (state.values ?? {}) : {};
  const e = state.fieldErrors ?? {};
  return (
    <form
      action={action}
      aria-label="Create a flavor"
      key={state.status === 'ok' ? state.message : 'form'}
    >
      <div className="form-grid">
        <Field
          id="fl-name"
          name="name"
          label="Name"
          defaultValue={v.name ?? ''}
          errors={e.name}
          required
        />
        <Field
          id="fl-id"
          name="id"
          label="ID"
          hint="Empty: a generated UUID"
          defaultValue={v.id ?? ''}
          errors={e.id}
        />
        <Field
          id="fl-vcpus"
          name="vcpus"
          label="vCPUs"
          type="number"
          min={1}
          defaultValue={v.vcpus ?? '1'}
          errors={e.vcpus}
          required
        />
        <Field
          id="fl-ram"
          name="ramMb"
          label="RAM (MiB)"
          type="number"
          min={1}
          defaultValue={v.ramMb ?? '512'}
          errors={e.ramMb}
          required
        />
        <Field
          id="fl-disk"
          name="diskGb"
          label="Disk (GiB)"
          type="number"
          min={0}
          defaultValue={v.diskGb ?? '1'}
          errors={e.diskGb}
          required
        />
        <Field
          id="fl-desc"
          name="description"
          label="Description"
          defaultValue={v.description ?? ''}
          errors={e.description}
        />
      </div>
      <CheckboxField
        name="isPublic"
        label="Public (every project may use it)"
        defaultChecked={v.isPublic !== undefined ? v.isPublic === 'on' : true}
      />
      <SubmitButton pendingLabel="Creating…">Create flavor</SubmitButton>
      <FormOutcome state={state} />
    </form>
  );
}
