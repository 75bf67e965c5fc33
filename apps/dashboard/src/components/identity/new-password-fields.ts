import type { FieldSpec } from '../ui/action-form.tsx';

/** "New password" and "New password again", as every form that sets a password asks. */
export function newPasswordFields(hint?: string): FieldSpec[] {
  return [
    {
      kind: 'text',
      name: 'password',
      label: 'New password',
      type: 'password',
      autoComplete: 'new-password',
      required: true,
      ...(hint ? { hint } : {}),
    },
    {
      kind: 'text',
      name: 'confirm',
      label: 'New password again',
      type: 'password',
      autoComplete: 'new-password',
      required: true,
    },
  ];
}
