'use client';

import { useActionState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { SubmitButton } from '../../../components/ui/submit-button.tsx';
import { IDLE } from '../../../lib/shared/form-state.ts';
import { login, type LoginState } from './actions.ts';
import styles from '../auth.module.css';

export function LoginForm({ next, defaultDomain }: { next?: string; defaultDomain: string }) {
  const [state, action] = useActionState<LoginState, FormData>(login, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate aria-describedby={state.message ? 'login-message' : undefined}>
      {state.status === 'error' && state.message ? (
        <div id="login-message" className="note note-error" role="alert">
          {state.message}
        </div>
      ) : null}
      <Field
        id="domain"
        label="Domain"
        hint="Leave as Default unless your administrator gave you another."
        defaultValue={state.values?.domain ?? defaultDomain}
        autoComplete="organization"
        errors={errors.domain}
      />
      <Field
        id="username"
        label="User name"
        defaultValue={state.values?.username ?? ''}
        autoComplete="username"
        autoFocus
        required
        errors={errors.username}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        errors={errors.password}
      />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div className={styles.submit}>
        <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
      </div>
    </form>
  );
}
