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
import { SubmitButton } from '../../../../../../components/ui/submit-button.tsx';
import type { FormState } from '../../../../../../lib/shared/form-state.ts';
import { makeTempUrl, removeObject, type StorageState } from '../actions.ts';
import styles from './objects.module.css';

const DURATIONS = [
  ['3600', '1 hour'],
  ['86400', '1 day'],
  ['604800', '7 days'],
] as const;

type Pending = { readonly action: 'delete' | 'tempurl'; readonly name: string } | undefined;

/**
 * The object table's row actions, for every row at once: rows carry plain buttons
 * (`data-action`, `data-name`), and this one host opens the matching dialog, so a page of
 * hundreds of objects ships no per-row component.
 */
export function ObjectActionsHost({
  container,
  children,
}: {
  container: string;
  children: ReactNode;
}) {
  const [pending, setPending] = useState<Pending>();
  const [deleteState, deleteAction] = useActionState<FormState, FormData>(removeObject, {
    status: 'idle',
  });
  const [urlState, urlAction] = useActionState<StorageState, FormData>(makeTempUrl, {
    status: 'idle',
  });
  const del = useRef<HTMLDialogElement>(null);
  const tmp = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    if (pending) {
      (pending.action === 'delete' ? del : tmp).current?.showModal();
    }
  }, [pending]);

  function onClick(e: MouseEvent<HTMLDivElement>) {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
    const action = button?.dataset.action;
    const name = button?.dataset.name;
    if (button && name && (action === 'delete' || action === 'tempurl')) {
      returnTo.current = button;
      setPending({ action, name });
    }
  }
  const close = () => {
    del.current?.close();
    tmp.current?.close();
  };
  const onClose = () => {
    setPending(undefined);
    returnTo.current?.focus();
  };

  return (
    <div onClick={onClick}>
      {deleteState.message ? (
        <p
          className={deleteState.status === 'ok' ? 'note note-ok' : 'note note-error'}
          role={deleteState.status === 'ok' ? 'status' : 'alert'}
        >
          {deleteState.message}
        </p>
      ) : null}
      {children}
      <dialog ref={del} className={styles.dialog} aria-labelledby={`${id}-dt`} onClose={onClose}>
        <form action={deleteAction} onSubmit={close}>
          <input type="hidden" name="container" value={container} />
          <input type="hidden" name="name" value={pending?.name ?? ''} />
          <h2 id={`${id}-dt`}>Delete {pending?.name}?</h2>
          <p>
            The object is removed from the container for good. Temporary URLs to it stop working.
          </p>
          <div className="btn-row">
            <button type="button" className="btn" onClick={close} autoFocus>
              Cancel
            </button>
            <button type="submit" className="btn btn-danger">
              Delete object
            </button>
          </div>
        </form>
      </dialog>
      <dialog ref={tmp} className={styles.dialog} aria-labelledby={`${id}-tt`} onClose={onClose}>
        <h2 id={`${id}-tt`}>Temporary URL for {pending?.name}</h2>
        <form action={urlAction} className={styles.tempurlForm}>
          <input type="hidden" name="container" value={container} />
          <input type="hidden" name="name" value={pending?.name ?? ''} />
          <label htmlFor={`${id}-ttl`}>Works for</label>
          <select id={`${id}-ttl`} name="ttl" defaultValue="86400">
            {DURATIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          <SubmitButton small pendingLabel="Making…">
            Make link
          </SubmitButton>
        </form>
        {urlState.url && urlState.values?.name === pending?.name ? (
          <div className={styles.tempurlOut} role="status">
            <label htmlFor={`${id}-url`}>Link (anyone with it can download until it expires)</label>
            <input
              id={`${id}-url`}
              readOnly
              value={urlState.url}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void navigator.clipboard?.writeText(urlState.url ?? '')}
            >
              Copy
            </button>
          </div>
        ) : null}
        {urlState.status === 'error' && urlState.message ? (
          <p className="field-error" role="alert">
            {urlState.message}
          </p>
        ) : null}
        <div className="btn-row" style={{ marginTop: '0.75rem' }}>
          <button type="button" className="btn" onClick={close}>
            Close
          </button>
        </div>
      </dialog>
    </div>
  );
}
