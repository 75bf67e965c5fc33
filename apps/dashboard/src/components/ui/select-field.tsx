import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FieldFrame } from './field.tsx';

/** A labelled select with its hint and error wired for screen readers (as Field for inputs). */
export function SelectField({
  id,
  label,
  hint,
  errors,
  children,
  ...rest
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: readonly string[] | undefined;
  children: ReactNode;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      control={(a11y) => (
        <select id={id} {...a11y} {...rest}>
          {children}
        </select>
      )}
    />
  );
}
