'use client';

import { useActionState, useEffect, useId, useRef, useState } from 'react';
import {
  launchInstances,
  type LaunchState,
} from '../../app/(console)/projects/[id]/compute/actions.ts';
import { MAX_LAUNCH_COUNT, quotaProblems, type QuotaLine } from '../../lib/shared/compute-rules.ts';
import { Field } from '../ui/field.tsx';
import { SelectField } from '../ui/select-field.tsx';
import { SubmitButton } from '../ui/submit-button.tsx';

export interface LaunchOptions {
  readonly images: ReadonlyArray<{ id: string; name: string }>;
  readonly flavors: ReadonlyArray<{
    id: string;
    name: string;
    vcpus: number;
    ramMb: number;
    diskGb: number;
  }>;
  readonly keypairs: readonly string[];
  /** The network choices: automatic and none first (see launchNetworkOptions). */
  readonly networks: ReadonlyArray<{ value: string; label: string }>;
  readonly quota: readonly QuotaLine[];
}

/**
 * "Launch instance": a modal form checked as you type against the project's quota (the
 * server checks again, and compute a third time); errors show next to their field.
 */
export function LaunchDialog({ images, flavors, keypairs, networks, quota }: LaunchOptions) {
  const [state, action] = useActionState<LaunchState, FormData>(launchInstances, {
    status: 'idle',
  });
  const [flavorId, setFlavorId] = useState('');
  const [count, setCount] = useState('1');
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const id = useId();
  const v = state.status === 'error' ? (state.values ?? {}) : {};
  const live = quotaProblems(
    quota,
    flavors.find((f) => f.id === flavorId),
    Number.parseInt(count, 10) || 1,
  );
  const errs = (f: keyof NonNullable<LaunchState['fieldErrors']>) => {
    const live_ = f === 'count' ? live.count : f === 'flavorId' ? live.flavorId : undefined;
    return live_ ?? state.fieldErrors?.[f];
  };

  useEffect(() => {
    if (state.status === 'ok') {
      dialog.current?.close();
    }
  }, [state]);

  return (
    <>
      <div className="btn-row">
        <button
          ref={opener}
          type="button"
          className="btn btn-primary"
          onClick={() => dialog.current?.showModal()}
          disabled={images.length === 0 || flavors.length === 0}
        >
          Launch instance
        </button>
        {images.length === 0 ? <span className="muted">Upload an image first.</span> : null}
      </div>
      {state.message && (state.status === 'ok' || !dialog.current?.open) ? (
        <p
          className={state.status === 'ok' ? 'note note-ok' : 'note note-error'}
          role={state.status === 'ok' ? 'status' : 'alert'}
        >
          {state.message}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        className="modal"
        aria-labelledby={`${id}-t`}
        onClose={() => opener.current?.focus()}
      >
        <form action={action} noValidate key={state.status === 'ok' ? state.message : 'form'}>
          <h2 id={`${id}-t`}>Launch instance</h2>
          {state.status === 'error' && state.message ? (
            <p className="note note-error" role="alert">
              {state.message}
            </p>
          ) : null}
          <Field
            id="name"
            label="Name"
            defaultValue={v.name ?? ''}
            errors={state.fieldErrors?.name}
            required
            autoFocus
          />
          <SelectField
            id="imageId"
            name="imageId"
            label="Image"
            defaultValue={v.imageId ?? ''}
            errors={errs('imageId')}
            required
          >
            <option value="">Choose an image</option>
            {images.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name || i.id}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="flavorId"
            name="flavorId"
            label="Flavor"
            value={flavorId || v.flavorId || ''}
            onChange={(e) => setFlavorId(e.target.value)}
            errors={errs('flavorId')}
            required
          >
            <option value="">Choose a flavor</option>
            {flavors.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} — {f.vcpus} vCPU, {f.ramMb} MiB RAM, {f.diskGb} GiB disk
              </option>
            ))}
          </SelectField>
          <SelectField
            id="keyName"
            name="keyName"
            label="Key pair"
            defaultValue={v.keyName ?? ''}
            errors={errs('keyName')}
          >
            <option value="">No key pair</option>
            {keypairs.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="networks"
            name="networks"
            label="Network"
            hint="Automatic gives the instance the project's own network (made on first use), with a router to the external network."
            defaultValue={v.networks ?? networks[0]?.value ?? 'auto'}
            errors={errs('networks')}
          >
            {networks.map((n) => (
              <option key={n.value} value={n.value}>
                {n.label}
              </option>
            ))}
          </SelectField>
          <div className="field">
            <label htmlFor="userData">User data</label>
            <span id="userData-hint" className="field-hint">
              A script or cloud-config the guest reads at boot (optional, at most 48 KiB).
            </span>
            <textarea
              id="userData"
              name="userData"
              rows={4}
              defaultValue={v.userData ?? ''}
              aria-describedby={
                state.fieldErrors?.userData ? 'userData-hint userData-error' : 'userData-hint'
              }
              aria-invalid={state.fieldErrors?.userData ? true : undefined}
            />
            {state.fieldErrors?.userData ? (
              <p id="userData-error" className="field-error">
                {state.fieldErrors.userData.join(' ')}
              </p>
            ) : null}
          </div>
          <Field
            id="count"
            label="Count"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_LAUNCH_COUNT}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            errors={errs('count')}
            hint="Several instances are named NAME-1, NAME-2…"
          />
          <div className="btn-row">
            <button type="button" className="btn" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <SubmitButton pendingLabel="Launching…">Launch</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
