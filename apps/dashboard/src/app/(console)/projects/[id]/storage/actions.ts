'use server';

import { revalidatePath } from 'next/cache';
import { assertSameOrigin } from '../../../../../lib/cloud/csrf.ts';
import { config } from '../../../../../lib/cloud/config.ts';
import {
  accountOf,
  deleteContainer,
  deleteObject,
  ensureContainer,
  setContainerPublic,
} from '../../../../../lib/cloud/object-store.ts';
import { requireSession } from '../../../../../lib/cloud/session.ts';
import { toCloudError } from '../../../../../lib/shared/cloud-error.ts';
import {
  failed,
  formValues,
  invalid,
  type FormState,
} from '../../../../../lib/shared/form-state.ts';
import {
  ContainerAccessSchema,
  CreateContainerSchema,
  ObjectRefSchema,
  TempUrlSchema,
} from '../../../../../lib/shared/storage.schemas.ts';
import { containerTempUrlKey, tempUrl } from '../../../../../lib/shared/temp-url.ts';

export type StorageState = FormState<'name' | 'ttl'> & {
  readonly url?: string;
  readonly expiresAt?: number;
};

export async function createContainer(_prev: StorageState, form: FormData): Promise<StorageState> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, ['name']);
  const parsed = CreateContainerSchema.safeParse({ name: values.name ?? '' });
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  try {
    const created = await ensureContainer(session, parsed.data.name);
    revalidatePath('/projects/[id]/storage', 'page');
    return created
      ? { status: 'ok', message: `Container ${parsed.data.name} created.` }
      : failed(`A container named ${parsed.data.name} already exists.`, values);
  } catch (err) {
    return failed(toCloudError('object-store', err).message, values);
  }
}

/** Delete after the dialog's confirmation; a container that holds objects is refused. */
export async function removeContainer(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = CreateContainerSchema.safeParse({ name: form.get('name') });
  if (!parsed.success) {
    return failed('That is not a container of this project.');
  }
  try {
    await deleteContainer(session, parsed.data.name);
  } catch (err) {
    return failed(toCloudError('object-store', err).message);
  }
  revalidatePath('/projects/[id]/storage', 'layout');
  return { status: 'ok', message: `Container ${parsed.data.name} deleted.` };
}

/** Public (anyone may read and list it, no token needed) or private (the project only). */
export async function setContainerAccess(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = ContainerAccessSchema.safeParse({
    container: form.get('container'),
    access: form.get('access'),
  });
  if (!parsed.success) {
    return failed('That is not a container of this project.');
  }
  const { container, access } = parsed.data;
  try {
    await setContainerPublic(session, container, access === 'public');
  } catch (err) {
    return failed(toCloudError('object-store', err).message);
  }
  revalidatePath('/projects/[id]/storage', 'layout');
  return {
    status: 'ok',
    message:
      access === 'public'
        ? `${container} is public: anyone with its URL may read and list it.`
        : `${container} is private: only this project reads it.`,
  };
}

export async function removeObject(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = ObjectRefSchema.safeParse({
    container: form.get('container'),
    name: form.get('name'),
  });
  if (!parsed.success) {
    return failed('That is not an object of this project.');
  }
  try {
    await deleteObject(session, parsed.data.container, parsed.data.name);
  } catch (err) {
    return failed(toCloudError('object-store', err).message);
  }
  revalidatePath('/projects/[id]/storage/[container]', 'page');
  return { status: 'ok', message: `${parsed.data.name} deleted.` };
}

/**
 * A temporary URL for one object: anyone with the link may GET it until it expires. The
 * container's key is derived from the service secret, so making one link never changes
 * the links made before.
 */
export async function makeTempUrl(_prev: StorageState, form: FormData): Promise<StorageState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = TempUrlSchema.safeParse({
    container: form.get('container'),
    name: form.get('name'),
    ttl: form.get('ttl'),
  });
  if (!parsed.success) {
    return invalid(parsed.error);
  }
  const cfg = config();
  if (!cfg.OBJECT_STORE_PUBLIC_URL || !cfg.TINYSTACK_SERVICE_PASSWORD) {
    return failed(
      'Temporary URLs are not set up: the dashboard needs OBJECT_STORE_PUBLIC_URL and TINYSTACK_SERVICE_PASSWORD.',
    );
  }
  const { container, name, ttl } = parsed.data;
  const account = accountOf(session);
  const key = containerTempUrlKey(cfg.TINYSTACK_SERVICE_PASSWORD, account, container);
  try {
    await ensureContainer(session, container, { 'temp-url-key-2': key });
  } catch (err) {
    return failed(toCloudError('object-store', err).message);
  }
  const expires = Math.floor(Date.now() / 1000) + ttl;
  const url = tempUrl({
    publicUrl: cfg.OBJECT_STORE_PUBLIC_URL,
    key,
    account,
    container,
    object: name,
    expires,
  });
  return { status: 'ok', url, expiresAt: expires * 1000, values: { name } };
}
