'use client';

import { useActionState, useEffect, useRef } from 'react';
import {
  addPublicKey,
  generateKeypair,
  type KeypairState,
} from '../../app/(console)/projects/[id]/compute/actions.ts';
import { Field } from '../ui/field.tsx';
import { FormOutcome as Outcome } from '../ui/form-outcome.tsx';
import { SubmitButton } from '../ui/submit-button.tsx';

/** Saves `text` as a file in the browser (no round trip: the key never lands on a server disk). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Create key pair": compute generates it; the private key is downloaded once, then forgotten. */
export function CreateKeypairForm() {
  const [state, action] = useActionState<KeypairState, FormData>(generateKeypair, {
    status: 'idle',
  });
  const saved = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (state.privateKey && state.keyName && saved.current !== state.message) {
      saved.current = state.message;
      download(`${state.keyName}.pem`, state.privateKey);
    }
  }, [state]);
  return (
    <form action={action} className="inline-form" aria-label="Create a key pair">
      <Field
        id="kp-name"
        name="name"
        label="New key pair"
        placeholder="e.g. laptop"
        defaultValue={state.status === 'error' ? (state.values?.name ?? '') : ''}
        key={state.status === 'ok' ? state.message : 'form'}
        errors={state.fieldErrors?.name}
        required
      />
      <SubmitButton pendingLabel="Creating…">Create key pair</SubmitButton>
      <Outcome state={state} />
    </form>
  );
}

/** "Import": the user's own OpenSSH public key. */
export function ImportKeypairForm() {
  const [state, action] = useActionState<KeypairState, FormData>(addPublicKey, { status: 'idle' });
  const v = state.status === 'error' ? (state.values ?? {}) : {};
  return (
    <form
      action={action}
      aria-label="Import a public key"
      key={state.status === 'ok' ? state.message : 'form'}
    >
      <Field
        id="import-name"
        name="name"
        label="Name"
        defaultValue={v.name ?? ''}
        errors={state.fieldErrors?.name}
        required
      />
      <div className="field">
        <label htmlFor="publicKey">Public key</label>
        <span id="publicKey-hint" className="field-hint">
          The contents of your .pub file, e.g. ~/.ssh/id_ed25519.pub.
        </span>
        <textarea
          id="publicKey"
          name="publicKey"
          rows={3}
          defaultValue={v.publicKey ?? ''}
          required
          aria-invalid={state.fieldErrors?.publicKey ? true : undefined}
          aria-describedby={
            state.fieldErrors?.publicKey ? 'publicKey-hint publicKey-error' : 'publicKey-hint'
          }
        />
        {state.fieldErrors?.publicKey ? (
          <p id="publicKey-error" className="field-error">
            {state.fieldErrors.publicKey.join(' ')}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingLabel="Importing…">Import key pair</SubmitButton>
      {state.fieldErrors ? null : <Outcome state={state} />}
    </form>
  );
}
