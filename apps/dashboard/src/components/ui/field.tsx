import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * A control's label, hint and error, wired for screen readers: `control` gets the
 * `aria-invalid` and `aria-describedby` to put on the input or select.
 */
export function FieldFrame({
  id,
  label,
  hint,
  errors,
  control,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  errors?: readonly string[] | undefined;
  control: (a11y: { 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
      {control({
        ...(errorId ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {errorId ? (
        <p id={errorId} className="field-error">
          {errors?.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and error wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  errors,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: readonly string[] | undefined;
} & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      control={(a11y) => <input id={id} name={id} {...a11y} {...input} />}
    />
  );
}
