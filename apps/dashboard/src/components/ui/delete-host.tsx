'use client';

import {
  useActionState,
  useEffect,
  useId,
  useRef,
  useState,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { FormState } from '../../lib/shared/form-state.ts';
import { FormOutcome } from './form-outcome.tsx';

/**
 * Delete with confirmation for every row of a table at once: rows carry
 * `<button data-delete=KEY data-label=NAME>`; this host opens one modal dialog asking to
 * confirm, then runs `action` with the form field `field` = KEY. Focus goes back to the
 * button when the dialog closes.
 */
export function DeleteHost({
  action,
  field,
  what,
  consequence,
  verb = 'Delete',
  children,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  field: string;
  what: string;
  consequence: string;
  /** What the action does to the row ("Delete", "Revoke", "Remove"). */
  verb?: string;
  children: ReactNode;
}) {
  const [pending, setPending] = useState<{ key: string; label: string } | undefined>();
  const [state, run] = useActionState<FormState, FormData>(action, { status: 'idle' });
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();
  useEffect(() => {
    if (pending) {
      dialog.current?.showModal();
    }
  }, [pending]);
  function onClick(e: MouseEvent<HTMLDivElement>) {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-delete]');
    if (button?.dataset.delete) {
      returnTo.current = button;
      setPending({
        key: button.dataset.delete,
        label: button.dataset.label ?? button.dataset.delete,
      });
    }
  }
  const close = () => dialog.current?.close();
  return (
    <div onClick={onClick}>
      <FormOutcome state={state} />
      {children}
      <dialog
        ref={dialog}
        className="modal"
        aria-labelledby={`${id}-t`}
        onClose={() => {
          setPending(undefined);
          returnTo.current?.focus();
        }}
      >
        <form action={run} onSubmit={close}>
          <input type="hidden" name={field} value={pending?.key ?? ''} />
          <h2 id={`${id}-t`}>
            {verb} {what} {pending?.label}?
          </h2>
          <p>{consequence}</p>
          <div className="btn-row">
            <button type="button" className="btn" onClick={close} autoFocus>
              Cancel
            </button>
            <button type="submit" className="btn btn-danger">
              {verb} {what}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
