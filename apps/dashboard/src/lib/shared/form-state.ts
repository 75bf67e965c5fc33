import { z } from 'zod';

/**
 * What a server action returns to its form: the outcome, a sentence for the whole form,
 * errors per field, and the values to put back (never secrets).
 */
export interface FormState<F extends string = string> {
  readonly status: 'idle' | 'error' | 'ok';
  readonly message?: string;
  readonly fieldErrors?: Partial<Record<F, string[]>>;
  readonly values?: Partial<Record<F, string>>;
}

export const IDLE: FormState<never> = { status: 'idle' };

/** A FormState listing every field error zod found. */
export function invalid<F extends string>(
  error: z.ZodError,
  values?: Partial<Record<F, string>>,
): FormState<F> {
  const fieldErrors = z.flattenError(error).fieldErrors as Partial<Record<F, string[]>>;
  const base: FormState<F> = {
    status: 'error',
    message: 'Some fields need attention.',
    fieldErrors,
  };
  return values ? { ...base, values } : base;
}

export function failed<F extends string>(
  message: string,
  values?: Partial<Record<F, string>>,
): FormState<F> {
  return values ? { status: 'error', message, values } : { status: 'error', message };
}

/** The string fields of a FormData (files and repeated keys are the caller's business). */
export function formValues(form: FormData, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = form.get(name);
    if (typeof v === 'string') {
      out[name] = v;
    }
  }
  return out;
}
