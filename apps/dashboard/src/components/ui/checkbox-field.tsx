import type { InputHTMLAttributes } from 'react';

/** A checkbox with its label around it (sent as "on" when ticked). */
export function CheckboxField({
  label,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" {...input} /> {label}
      </label>
    </div>
  );
}
