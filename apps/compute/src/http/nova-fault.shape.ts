import type { ErrorBodyShape } from '@tinystack/http';

/** Nova's fault names by status (nova/api/openstack/wsgi.py `Fault._fault_names`). */
const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

export function faultNameOf(status: number): string {
  return FAULT_NAMES[status] ?? 'computeFault';
}

/** A Nova fault body: `{"itemNotFound": {"code": 404, "message": "..."}}`. */
export function novaFault(status: number, message: string): Record<string, { code: number; message: string }> {
  return { [faultNameOf(status)]: { code: status, message } };
}

/** The compute API's error bodies, for createHttpApp. */
export const novaErrorShape: ErrorBodyShape = (info) => ({ body: novaFault(info.status, info.message) });
