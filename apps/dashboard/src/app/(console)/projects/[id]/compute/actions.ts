'use server';

import { revalidatePath } from 'next/cache';
import {
  createServers,
  deleteServer,
  serverAction,
  snapshotServer,
} from '../../../../../lib/cloud/compute.ts';
import {
  createKeypair,
  deleteKeypair,
  importKeypair,
  listFlavors,
  quotaUsage,
} from '../../../../../lib/cloud/compute-resources.ts';
import { assertSameOrigin } from '../../../../../lib/cloud/csrf.ts';
import { requireSession, type Session } from '../../../../../lib/cloud/session.ts';
import { errorParts, toCloudError } from '../../../../../lib/shared/cloud-error.ts';
import {
  ACTION_LABELS,
  ImportKeypairSchema,
  LaunchSchema,
  NewKeypairSchema,
  quotaProblems,
  ServerActionSchema,
  ServerRefSchema,
  SnapshotSchema,
} from '../../../../../lib/shared/compute.schemas.ts';
import {
  failed,
  formValues,
  invalid,
  type FormState,
} from '../../../../../lib/shared/form-state.ts';

const INSTANCES = '/projects/[id]/compute/instances';
const LAUNCH_FIELDS = [
  'name',
  'imageId',
  'flavorId',
  'keyName',
  'networks',
  'userData',
  'count',
] as const;
export type LaunchState = FormState<(typeof LAUNCH_FIELDS)[number]>;

/** Which field a service refusal is about, so the error shows next to it. */
function fieldOf(message: string): (typeof LAUNCH_FIELDS)[number] | undefined {
  if (/quota exceeded/i.test(message)) {
    return /cores|ram/i.test(message) ? 'flavorId' : 'count';
  }
  if (/key_name|keypair/i.test(message)) {
    return 'keyName';
  }
  if (/image/i.test(message)) {
    return 'imageId';
  }
  if (/flavor/i.test(message)) {
    return 'flavorId';
  }
  if (/user.?data/i.test(message)) {
    return 'userData';
  }
  if (/\bnetworks?\b|\bports?\b|fixed.?ip/i.test(message)) {
    return 'networks';
  }
  return undefined;
}

/** The quota errors of launching `count` of a flavor now, or undefined when it fits. */
async function overQuota(session: Session, flavorId: string, count: number) {
  const [quota, flavors] = await Promise.all([quotaUsage(session), listFlavors(session)]);
  const flavor = flavors.ok ? flavors.value.find((f) => f.id === flavorId) : undefined;
  const problems = quota.ok ? quotaProblems(quota.value, flavor, count) : {};
  return problems.count || problems.flavorId ? problems : undefined;
}

/** Launch dialog: checked against the form rules, then the quota, then by compute itself. */
export async function launchInstances(_prev: LaunchState, form: FormData): Promise<LaunchState> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, LAUNCH_FIELDS);
  const parsed = LaunchSchema.safeParse(values);
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  const input = parsed.data;
  const problems = await overQuota(session, input.flavorId, input.count);
  if (problems) {
    return {
      status: 'error',
      message: 'This launch does not fit in the project quota.',
      fieldErrors: problems,
      values,
    };
  }
  try {
    const servers = await createServers(session, input);
    revalidatePath(INSTANCES, 'page');
    const n = servers.length;
    return {
      status: 'ok',
      message: `Launching ${n} instance${n === 1 ? '' : 's'}: ${servers.map((s) => s.name).join(', ')}.`,
    };
  } catch (err) {
    const message = toCloudError('compute', err).message;
    const field = fieldOf(errorParts(err).detail);
    return field
      ? {
          status: 'error',
          message: 'Compute refused the launch.',
          fieldErrors: { [field]: [message] },
          values,
        }
      : failed(message, values);
  }
}

/** Start, stop, reboot, pause, suspend, resume (and their opposites). */
export async function runServerAction(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = ServerActionSchema.safeParse({ id: form.get('id'), action: form.get('action') });
  if (!parsed.success) {
    return failed('That is not an action on an instance of this project.');
  }
  const given = form.get('name');
  const name = (typeof given === 'string' && given) || parsed.data.id;
  try {
    await serverAction(session, parsed.data.id, parsed.data.action);
  } catch (err) {
    return failed(
      `${ACTION_LABELS[parsed.data.action]} ${name}: ${toCloudError('compute', err).message}`,
    );
  }
  revalidatePath(INSTANCES, 'layout');
  return { status: 'ok', message: `${ACTION_LABELS[parsed.data.action]}: ${name} — on its way.` };
}

export async function removeServer(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = ServerRefSchema.safeParse({ id: form.get('id'), name: form.get('name') ?? '' });
  if (!parsed.success) {
    return failed('That is not an instance of this project.');
  }
  try {
    await deleteServer(session, parsed.data.id);
  } catch (err) {
    return failed(toCloudError('compute', err).message);
  }
  revalidatePath(INSTANCES, 'layout');
  return { status: 'ok', message: `${parsed.data.name || parsed.data.id} is being deleted.` };
}

export async function snapshotInstance(
  _prev: FormState<'name'>,
  form: FormData,
): Promise<FormState<'name'>> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, ['name']);
  const parsed = SnapshotSchema.safeParse({ id: form.get('id'), name: values.name ?? '' });
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  try {
    await snapshotServer(session, parsed.data.id, parsed.data.name);
  } catch (err) {
    return failed(toCloudError('compute', err).message, values);
  }
  revalidatePath(INSTANCES, 'layout');
  return {
    status: 'ok',
    message: `Snapshot ${parsed.data.name} is being saved; it appears under Images.`,
  };
}

export type KeypairState = FormState<'name' | 'publicKey'> & {
  /** A generated key pair's private key: in this one answer only, never stored. */
  readonly privateKey?: string;
  readonly keyName?: string;
};

export async function generateKeypair(_prev: KeypairState, form: FormData): Promise<KeypairState> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, ['name']);
  const parsed = NewKeypairSchema.safeParse(values);
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  try {
    const made = await createKeypair(session, parsed.data.name);
    revalidatePath('/projects/[id]/compute/keypairs', 'page');
    return {
      status: 'ok',
      message: `Key pair ${parsed.data.name} created. Its private key was downloaded as ${parsed.data.name}.pem: keep it, it cannot be downloaded again.`,
      privateKey: made.privateKey,
      keyName: parsed.data.name,
    };
  } catch (err) {
    return failed(toCloudError('compute', err).message, values);
  }
}

export async function addPublicKey(_prev: KeypairState, form: FormData): Promise<KeypairState> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, ['name', 'publicKey']);
  const parsed = ImportKeypairSchema.safeParse(values);
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  try {
    await importKeypair(session, parsed.data.name, parsed.data.publicKey);
  } catch (err) {
    const message = toCloudError('compute', err).message;
    const field = /fingerprint|invalid/i.test(message) ? 'publicKey' : 'name';
    return {
      status: 'error',
      message: 'Compute refused the key.',
      fieldErrors: { [field]: [message] },
      values,
    };
  }
  revalidatePath('/projects/[id]/compute/keypairs', 'page');
  return { status: 'ok', message: `Key pair ${parsed.data.name} imported.` };
}

export async function removeKeypair(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = NewKeypairSchema.safeParse({ name: form.get('name') });
  if (!parsed.success) {
    return failed('That is not one of your key pairs.');
  }
  try {
    await deleteKeypair(session, parsed.data.name);
  } catch (err) {
    return failed(toCloudError('compute', err).message);
  }
  revalidatePath('/projects/[id]/compute/keypairs', 'page');
  return { status: 'ok', message: `Key pair ${parsed.data.name} deleted.` };
}
