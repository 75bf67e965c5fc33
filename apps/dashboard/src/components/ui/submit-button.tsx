'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

/** A form's submit button: disabled, with `pendingLabel`, while the action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  small,
  name,
  value,
  ariaLabel,
}: {
  children: ReactNode;
  pendingLabel?: string;
  variant?: 'primary' | 'danger' | 'plain';
  small?: boolean;
  name?: string;
  value?: string;
  /** The accessible name when the visible label alone is ambiguous (a row's "Disable"). */
  ariaLabel?: string;
}) {
  const { pending } = useFormStatus();
  const cls = ['btn', variant === 'plain' ? '' : `btn-${variant}`, small ? 'btn-small' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="submit"
      className={cls}
      disabled={pending}
      aria-disabled={pending}
      name={name}
      value={value}
      aria-label={ariaLabel}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
