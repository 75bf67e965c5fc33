'use server';

import { revalidatePath } from 'next/cache';
import { createFlavor, deleteFlavor } from '../../../../../../lib/cloud/compute-resources.ts';
import { assertSameOrigin } from '../../../../../../lib/cloud/csrf.ts';
import { requireAdmin } from '../../../../../../lib/cloud/session.ts';
import { toCloudError } from '../../../../../../lib/shared/cloud-error.ts';
import { NewFlavorSchema } from '../../../../../../lib/shared/compute.schemas.ts';
import {
  failed,
  formValues,
  invalid,
  type FormState,
} from '../../../../../../lib/shared/form-state.ts';

const FIELDS = ['name', 'id', 'vcpus', 'ramMb', 'diskGb', 'isPublic', 'description'] as const;
export type FlavorState = FormState<(typeof FIELDS)[number]>;

export async function addFlavor(_prev: FlavorState, form: FormData): Promise<FlavorState> {
  await assertSameOrigin();
  const session = await requireAdmin();
  const values = formValues(form, FIELDS);
  const parsed = NewFlavorSchema.safeParse(values);
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  try {
    await createFlavor(session, parsed.data);
  } catch (err) {
    const message = toCloudError('compute', err).message;
    return /already exists/i.test(message)
      ? {
          status: 'error',
          message: 'Compute refused the flavor.',
          fieldErrors: { [/name/i.test(message) ? 'name' : 'id']: [message] },
          values,
        }
      : failed(message, values);
  }
  revalidatePath('/projects/[id]/admin/flavors', 'page');
  return { status: 'ok', message: `Flavor ${parsed.data.name} created.` };
}

export async function removeFlavor(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireAdmin();
  const id = form.get('id');
  if (typeof id !== 'string' || id === '') {
    return failed('That is not a flavor.');
  }
  try {
    await deleteFlavor(session, id);
  } catch (err) {
    return failed(toCloudError('compute', err).message);
  }
  revalidatePath('/projects/[id]/admin/flavors', 'page');
  return { status: 'ok', message: 'Flavor deleted.' };
}
