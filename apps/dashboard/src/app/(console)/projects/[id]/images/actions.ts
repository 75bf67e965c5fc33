'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { assertSameOrigin } from '../../../../../lib/cloud/csrf.ts';
import { deleteImage, getImage, updateImage } from '../../../../../lib/cloud/image.ts';
import { requireSession } from '../../../../../lib/cloud/session.ts';
import { errorParts, toCloudError } from '../../../../../lib/shared/cloud-error.ts';
import {
  failed,
  formValues,
  invalid,
  type FormState,
} from '../../../../../lib/shared/form-state.ts';
import {
  EditImageSchema,
  hasImageChanges,
  imageChanges,
  imageFieldOf,
} from '../../../../../lib/shared/image.schemas.ts';

const EDIT_FIELDS = ['name', 'visibility', 'protected', 'properties'] as const;
export type EditImageState = FormState<(typeof EDIT_FIELDS)[number]>;

/**
 * The image edit form: checked by the form rules, then only what changed goes to the
 * image service, whose refusals (only admins make images public, reserved properties...)
 * show next to their field.
 */
export async function editImage(_prev: EditImageState, form: FormData): Promise<EditImageState> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, EDIT_FIELDS);
  const parsed = EditImageSchema.safeParse({
    id: form.get('id'),
    name: values.name ?? '',
    visibility: values.visibility,
    protected: values.protected === 'on',
    properties: values.properties ?? '',
  });
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  const current = await getImage(session, parsed.data.id);
  if (!current.ok) {
    return failed(current.error.message, values);
  }
  const changes = imageChanges(current.value, parsed.data);
  if (!hasImageChanges(changes)) {
    return { status: 'ok', message: 'Nothing changed.' };
  }
  try {
    await updateImage(session, parsed.data.id, changes);
  } catch (err) {
    const message = toCloudError('image', err).message;
    const field = imageFieldOf(errorParts(err).detail);
    return field
      ? {
          status: 'error',
          message: 'The image service refused the change.',
          fieldErrors: { [field]: [message] },
          values,
        }
      : failed(message, values);
  }
  revalidatePath('/projects/[id]/images', 'layout');
  return { status: 'ok', message: `Image ${parsed.data.name} saved.` };
}

/** Delete after the dialog's confirmation; a protected image is refused in plain words. */
export async function removeImage(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const id = form.get('id');
  if (typeof id !== 'string' || id === '' || id.length > 64) {
    return failed('That is not an image of this project.');
  }
  try {
    await deleteImage(session, id);
  } catch (err) {
    const { kind, detail } = errorParts(err);
    return failed(
      kind === 'forbidden' && /protected/i.test(detail)
        ? 'This image is protected: turn protection off in the form above before deleting it.'
        : toCloudError('image', err).message,
    );
  }
  revalidatePath('/projects/[id]/images', 'layout');
  redirect(`/projects/${session.project?.id ?? ''}/images`);
}
