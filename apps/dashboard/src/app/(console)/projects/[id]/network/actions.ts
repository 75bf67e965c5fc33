'use server';

import { revalidatePath } from 'next/cache';
import { assertSameOrigin } from '../../../../../lib/cloud/csrf.ts';
import {
  allocateFloatingIp,
  releaseFloatingIp,
  setFloatingIpPort,
} from '../../../../../lib/cloud/network.ts';
import { requireSession } from '../../../../../lib/cloud/session.ts';
import { toCloudError } from '../../../../../lib/shared/cloud-error.ts';
import {
  failed,
  formValues,
  invalid,
  type FormState,
} from '../../../../../lib/shared/form-state.ts';
import {
  AllocateFloatingIpSchema,
  AssociateFloatingIpSchema,
  FloatingIpRefSchema,
} from '../../../../../lib/shared/network.schemas.ts';

const FLOATING_IPS = '/projects/[id]/network/floating-ips';

/** Floating IPs show on the instances too (their addresses), so both are re-rendered. */
function refresh(): void {
  revalidatePath(FLOATING_IPS, 'page');
  revalidatePath('/projects/[id]/compute/instances', 'layout');
}

/** "Allocate": a new address from the chosen external network (or the default one). */
export async function allocate(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, ['networkId']);
  const parsed = AllocateFloatingIpSchema.safeParse(values);
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  try {
    const fip = await allocateFloatingIp(session, parsed.data.networkId);
    revalidatePath(FLOATING_IPS, 'page');
    return {
      status: 'ok',
      message: `Floating IP ${fip?.floatingIpAddress ?? ''} allocated. Associate it with an instance to reach the instance at that address.`,
    };
  } catch (err) {
    const e = toCloudError('network', err);
    return {
      status: 'error',
      message: 'The network service refused the allocation.',
      fieldErrors: { networkId: [e.message] },
      values,
    };
  }
}

/** "Associate": the floating IP forwards to the chosen instance port. */
export async function associate(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const values = formValues(form, ['id', 'portId']);
  const parsed = AssociateFloatingIpSchema.safeParse(values);
  if (!parsed.success) {
    return invalid(parsed.error, values);
  }
  try {
    const fip = await setFloatingIpPort(session, parsed.data.id, parsed.data.portId);
    refresh();
    return {
      status: 'ok',
      message: `${fip?.floatingIpAddress ?? 'The floating IP'} now forwards to ${fip?.fixedIpAddress || 'the instance'}.`,
    };
  } catch (err) {
    const e = toCloudError('network', err);
    // a port without a route to the external network, or one that already has an address
    const field = /port|router|external|subnet/i.test(e.message) ? 'portId' : 'id';
    return {
      status: 'error',
      message: 'The network service refused the association.',
      fieldErrors: { [field]: [e.message] },
      values,
    };
  }
}

/** "Disassociate": the address stays the project's, forwarding nowhere. */
export async function disassociate(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = FloatingIpRefSchema.safeParse({
    id: form.get('id'),
    address: form.get('address') ?? '',
  });
  if (!parsed.success) {
    return failed('That is not a floating IP of this project.');
  }
  const name = parsed.data.address || parsed.data.id;
  try {
    await setFloatingIpPort(session, parsed.data.id, '');
  } catch (err) {
    return failed(`Disassociate ${name}: ${toCloudError('network', err).message}`);
  }
  refresh();
  return { status: 'ok', message: `${name} is no longer associated with an instance.` };
}

/** "Release" (behind a confirmation): the address goes back to the external network. */
export async function release(_prev: FormState, form: FormData): Promise<FormState> {
  await assertSameOrigin();
  const session = await requireSession();
  const parsed = FloatingIpRefSchema.safeParse({ id: form.get('id') });
  if (!parsed.success) {
    return failed('That is not a floating IP of this project.');
  }
  try {
    await releaseFloatingIp(session, parsed.data.id);
  } catch (err) {
    return failed(toCloudError('network', err).message);
  }
  refresh();
  return { status: 'ok', message: 'Floating IP released.' };
}
