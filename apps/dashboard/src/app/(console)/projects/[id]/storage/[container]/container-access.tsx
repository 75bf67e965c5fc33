'use client';

import { useActionState } from 'react';
import { SubmitButton } from '../../../../../../components/ui/submit-button.tsx';
import type { FormState } from '../../../../../../lib/shared/form-state.ts';
import { setContainerAccess } from '../actions.ts';

/** Public / private switch of a container, with the URL anyone may use while public. */
export function ContainerAccess({
  container,
  isPublic,
  publicUrl,
}: {
  container: string;
  isPublic: boolean;
  /** The container's REST URL, when the dashboard knows the object store's public URL. */
  publicUrl?: string | undefined;
}) {
  const [state, action] = useActionState<FormState, FormData>(setContainerAccess, {
    status: 'idle',
  });
  return (
    <form action={action} aria-label="Container access">
      <input type="hidden" name="container" value={container} />
      <input type="hidden" name="access" value={isPublic ? 'private' : 'public'} />
      <p>
        <strong>{isPublic ? 'Public' : 'Private'}</strong>:{' '}
        {isPublic
          ? 'anyone may read and list its objects, without a token.'
          : 'only this project (and admins) may read it.'}
        {isPublic && publicUrl ? (
          <>
            {' '}
            URL: <code className="mono">{publicUrl}</code>
          </>
        ) : null}
      </p>
      <SubmitButton pendingLabel="Saving…" variant={isPublic ? 'plain' : 'primary'}>
        {isPublic ? 'Make private' : 'Make public'}
      </SubmitButton>
      {state.message ? (
        <p
          className={state.status === 'ok' ? 'note note-ok' : 'note note-error'}
          role={state.status === 'ok' ? 'status' : 'alert'}
        >
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
