import { HttpException } from '@nestjs/common';
import {
  DomainError,
  httpStatusOf,
  httpTitleOf,
  kindOfHttpStatus,
  type ErrorKind,
} from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';

/** An error reduced to what every OpenStack error body is built from. */
export interface HttpErrorInfo {
  readonly status: number;
  readonly title: string;
  readonly message: string;
  readonly kind: ErrorKind;
  readonly headers: Readonly<Record<string, string>>;
  /** The API's own error name, when the thrower gave one ({@link DomainError.code}). */
  readonly code?: string | undefined;
}

/**
 * Builds one API's error body (Keystone, Nova, Glance, Swift each have their own). `req` is
 * the failed request, for APIs whose error body depends on its headers (Glance negotiates
 * HTML, JSON or plain text from `Accept`, as webob does).
 */
export type ErrorBodyShape = (
  info: HttpErrorInfo,
  req?: { readonly headers: Readonly<Record<string, string | string[] | undefined>> },
) => { body: unknown; contentType?: string };

/** Keystone's `{"error": {"code", "title", "message"}}`. */
export const keystoneErrorShape: ErrorBodyShape = (e) => ({
  body: { error: { code: e.status, title: e.title, message: e.message } },
});

const log = loggerFor('HttpErrors');

function messageOfHttpException(err: HttpException): string {
  const res = err.getResponse();
  if (typeof res === 'string') {
    return res;
  }
  const msg = (res as { message?: unknown }).message;
  if (Array.isArray(msg)) {
    return msg.join('; ');
  }
  return typeof msg === 'string' ? msg : err.message;
}

/**
 * The one mapping from anything thrown to an HTTP error: DomainError by kind, Nest's own
 * HttpExceptions (unknown route, ...) and body-parser errors by status, anything else a
 * logged 500 whose body carries no internals.
 */
export function toHttpErrorInfo(err: unknown): HttpErrorInfo {
  if (err instanceof DomainError) {
    const status = httpStatusOf(err.kind);
    return { status, title: httpTitleOf(status), message: err.message, kind: err.kind, headers: err.headers, code: err.code };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const message = status === 404 ? 'The resource could not be found.' : messageOfHttpException(err);
    return { status, title: httpTitleOf(status), message, kind: kindOfHttpStatus(status), headers: {} };
  }
  const parserStatus = (err as { status?: unknown; type?: unknown } | null)?.status;
  const parserType = (err as { type?: unknown } | null)?.type;
  if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500 && typeof parserType === 'string') {
    const message =
      parserType === 'entity.too.large'
        ? 'Request Entity Too Large'
        : parserType === 'entity.parse.failed'
          ? 'Malformed request body: the body is not valid JSON.'
          : `Bad request body (${parserType}).`;
    return { status: parserStatus, title: httpTitleOf(parserStatus), message, kind: kindOfHttpStatus(parserStatus), headers: {} };
  }
  log.error({ err }, 'unexpected error');
  return {
    status: 500,
    title: httpTitleOf(500),
    message: 'An unexpected error prevented the server from fulfilling your request.',
    kind: 'internal',
    headers: {},
  };
}
