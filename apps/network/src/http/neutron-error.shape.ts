import type { ErrorBodyShape } from '@tinystack/http';

/** webob's exception names, Neutron's `type` when no neutron-lib exception applies. */
const WEBOB_TYPES: Readonly<Record<number, string>> = {
  400: 'HTTPBadRequest',
  401: 'HTTPUnauthorized',
  403: 'HTTPForbidden',
  404: 'HTTPNotFound',
  405: 'HTTPMethodNotAllowed',
  409: 'HTTPConflict',
  413: 'HTTPRequestEntityTooLarge',
  415: 'HTTPUnsupportedMediaType',
  500: 'HTTPInternalServerError',
  501: 'HTTPNotImplemented',
  503: 'HTTPServiceUnavailable',
};

/** Neutron's error body: `{"NeutronError": {"type", "message", "detail"}}`. */
export const neutronErrorShape: ErrorBodyShape = (info) => ({
  body: {
    NeutronError: {
      type: info.code ?? WEBOB_TYPES[info.status] ?? 'NeutronException',
      message: info.message,
      detail: '',
    },
  },
});
