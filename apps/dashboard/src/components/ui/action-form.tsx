'use client';

import { useActionState, useRef, type ReactNode } from 'react';
import type { FormState } from '../../lib/shared/form-state.ts';
import { CheckboxField } from './checkbox-field.tsx';
import { Field } from './field.tsx';
import { FormOutcome } from './form-outcome.tsx';
import { SelectField } from './select-field.tsx';
import { SubmitButton } from './submit-button.tsx';

/** One field of an ActionForm, as plain data (so a server page can describe the form). */
export type FieldSpec =
  | {
      readonly kind: 'text';
      readonly name: string;
      readonly label: string;
      readonly type?: 'text' | 'password' | 'email' | 'date';
      readonly hint?: string;
      readonly required?: boolean;
      readonly autoComplete?: string;
      readonly defaultValue?: string;
    }
  | {
      readonly kind: 'select';
      readonly name: string;
      readonly label: string;
      readonly hint?: string;
      readonly required?: boolean;
      /** The first, empty choice ("Choose a role"); none when every option is a valid answer. */
      readonly placeholder?: string;
      readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
      readonly defaultValue?: string;
    }
  | {
      readonly kind: 'checkbox';
      readonly name: string;
      readonly label: string;
      readonly defaultChecked?: boolean;
    };

/** A FormState that may carry something to show once (a generated secret). */
export type RevealState = FormState & {
  readonly reveal?: { readonly label: string; readonly value: string; readonly note: string };
};

function FieldOf({ spec, id, state }: { spec: FieldSpec; id: string; state: RevealState }) {
  const back = state.status === 'error' ? state.values?.[spec.name] : undefined;
  const errors = state.fieldErrors?.[spec.name];
  switch (spec.kind) {
    case 'checkbox':
      return (
        <CheckboxField
          name={spec.name}
          label={spec.label}
          defaultChecked={back !== undefined ? back === 'on' : (spec.defaultChecked ?? false)}
        />
      );
    case 'select':
      return (
        <SelectField
          id={id}
          name={spec.name}
          label={spec.label}
          errors={errors}
          required={spec.required}
          defaultValue={back ?? spec.defaultValue ?? ''}
          {...(spec.hint ? { hint: spec.hint } : {})}
        >
          {spec.placeholder !== undefined ? <option value="">{spec.placeholder}</option> : null}
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      );
    case 'text':
      return (
        <Field
          id={id}
          name={spec.name}
          label={spec.label}
          type={spec.type ?? 'text'}
          errors={errors}
          required={spec.required}
          autoComplete={spec.autoComplete}
          defaultValue={back ?? spec.defaultValue ?? ''}
          {...(spec.hint ? { hint: spec.hint } : {})}
        />
      );
  }
}

/**
 * A form over one server action, described as data: labelled fields with their errors,
 * values put back after a refusal (never passwords), the outcome in words, a fresh form
 * after success, and a secret shown once when the action returns one.
 */
export function ActionForm({
  action,
  idPrefix,
  label,
  fields,
  hidden = {},
  submitLabel,
  pendingLabel,
  children,
}: {
  action: (prev: RevealState, form: FormData) => Promise<RevealState>;
  idPrefix: string;
  label: string;
  fields: readonly FieldSpec[];
  hidden?: Readonly<Record<string, string>>;
  submitLabel: string;
  pendingLabel: string;
  children?: ReactNode;
}) {
  const [state, run] = useActionState<RevealState, FormData>(action, { status: 'idle' });
  // a fresh form after each success (even one with the same sentence as the last)
  const last = useRef(state);
  const resets = useRef(0);
  if (last.current !== state) {
    last.current = state;
    resets.current += state.status === 'ok' ? 1 : 0;
  }
  return (
    <form action={run} aria-label={label} key={resets.current}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="form-grid">
        {fields
          .filter((f) => f.kind !== 'checkbox')
          .map((f) => (
            <FieldOf key={f.name} spec={f} id={`${idPrefix}-${f.name}`} state={state} />
          ))}
      </div>
      {fields
        .filter((f) => f.kind === 'checkbox')
        .map((f) => (
          <FieldOf key={f.name} spec={f} id={`${idPrefix}-${f.name}`} state={state} />
        ))}
      {children}
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      <FormOutcome state={state} />
      {state.reveal ? (
        <div className="note note-warn" role="status">
          <label htmlFor={`${idPrefix}-reveal`}>{state.reveal.label}</label>
          <input
            id={`${idPrefix}-reveal`}
            className="mono"
            readOnly
            value={state.reveal.value}
            onFocus={(e) => e.currentTarget.select()}
          />
          <p>{state.reveal.note}</p>
        </div>
      ) : null}
    </form>
  );
}
