'use client';

import { useRouter } from 'next/navigation';
import {
  startTransition,
  useActionState,
  useEffect,
  useId,
  useRef,
  useState,
  type MouseEvent,
  type ReactNode,
} from 'react';
import {
  removeServer,
  runServerAction,
  snapshotInstance,
} from '../../app/(console)/projects/[id]/compute/actions.ts';
import type { FormState } from '../../lib/shared/form-state.ts';
import { Field } from '../ui/field.tsx';
import { FormOutcome as Outcome } from '../ui/form-outcome.tsx';
import { SubmitButton } from '../ui/submit-button.tsx';

type Pending =
  { readonly kind: 'delete' | 'snapshot'; readonly id: string; readonly name: string } | undefined;

/**
 * The instances' row actions, for every row at once: rows carry plain buttons
 * (`data-action`, `data-id`, `data-name`); power actions run at once, delete asks first in
 * a modal dialog, snapshot asks for a name. Focus returns to the button afterwards.
 */
export function InstanceActionsHost({
  children,
  afterDelete,
}: {
  children: ReactNode;
  /** Where to go once a delete was accepted (the instance page goes back to the list). */
  afterDelete?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending>();
  const [powerState, powerAction] = useActionState<FormState, FormData>(runServerAction, {
    status: 'idle',
  });
  const [deleteState, deleteAction] = useActionState<FormState, FormData>(removeServer, {
    status: 'idle',
  });
  const [snapState, snapAction] = useActionState<FormState<'name'>, FormData>(snapshotInstance, {
    status: 'idle',
  });
  const del = useRef<HTMLDialogElement>(null);
  const snap = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    if (pending) {
      (pending.kind === 'delete' ? del : snap).current?.showModal();
    }
  }, [pending]);
  useEffect(() => {
    if (deleteState.status === 'ok' && afterDelete) {
      router.push(afterDelete);
    }
  }, [deleteState, afterDelete, router]);
  useEffect(() => {
    if (snapState.status === 'ok') {
      snap.current?.close();
    }
  }, [snapState]);

  function onClick(e: MouseEvent<HTMLDivElement>) {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
    const action = button?.dataset.action;
    const serverId = button?.dataset.id;
    const name = button?.dataset.name ?? '';
    if (!button || !action || !serverId) {
      return;
    }
    returnTo.current = button;
    if (action === 'delete' || action === 'snapshot') {
      setPending({ kind: action, id: serverId, name });
      return;
    }
    const fd = new FormData();
    fd.set('id', serverId);
    fd.set('name', name);
    fd.set('action', action);
    startTransition(() => powerAction(fd));
  }
  const close = () => {
    del.current?.close();
    snap.current?.close();
  };
  const onClose = () => {
    setPending(undefined);
    returnTo.current?.focus();
  };

  return (
    <div onClick={onClick}>
      <Outcome state={powerState} />
      <Outcome state={deleteState} />
      {snapState.status === 'ok' ? <Outcome state={snapState} /> : null}
      {children}
      <dialog ref={del} className="modal" aria-labelledby={`${id}-dt`} onClose={onClose}>
        <form action={deleteAction} onSubmit={close}>
          <input type="hidden" name="id" value={pending?.id ?? ''} />
          <input type="hidden" name="name" value={pending?.name ?? ''} />
          <h2 id={`${id}-dt`}>Delete instance {pending?.name}?</h2>
          <p>The instance and its disk are destroyed for good. Snapshots made from it stay.</p>
          <div className="btn-row">
            <button type="button" className="btn" onClick={close} autoFocus>
              Cancel
            </button>
            <button type="submit" className="btn btn-danger">
              Delete instance
            </button>
          </div>
        </form>
      </dialog>
      <dialog ref={snap} className="modal" aria-labelledby={`${id}-st`} onClose={onClose}>
        <form action={snapAction}>
          <input type="hidden" name="id" value={pending?.id ?? ''} />
          <h2 id={`${id}-st`}>Snapshot of {pending?.name}</h2>
          <Field
            id={`${id}-snapname`}
            name="name"
            label="Snapshot name"
            defaultValue={pending ? `${pending.name}-snapshot` : ''}
            key={pending?.id ?? 'none'}
            errors={snapState.fieldErrors?.name}
            required
          />
          {snapState.status === 'error' && !snapState.fieldErrors ? (
            <Outcome state={snapState} />
          ) : null}
          <div className="btn-row">
            <button type="button" className="btn" onClick={close}>
              Cancel
            </button>
            <SubmitButton pendingLabel="Saving…">Create snapshot</SubmitButton>
          </div>
        </form>
      </dialog>
    </div>
  );
}
