import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { Inject, Injectable } from '@nestjs/common';
import { installAheadOfExpress } from '@tinystack/http';
import { newRequestId, REQUEST_ID_HEADER, sanitizeRequestId } from '@tinystack/logging';
import { queryBool } from '../shared/list-filter.js';
import { TokenValidationService } from './token-validation.service.js';

const PATH = '/v3/auth/tokens';

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * The cache-hit shortcut of GET and HEAD /v3/auth/tokens, ahead of Express. Every service
 * validates tokens here at a high rate, and Express's router, body parser and Nest's
 * middleware chain cost more CPU than the answer itself (profile: ~25% of the service's
 * time, plus the promise hooks an async chain wakes). It answers only when everything is
 * already known: both tokens verified before and still unexpired and unrevoked
 * (TokenVerifier.verifyCached), the caller allowed to see the subject, the body cached and
 * current. Anything else (first sight of a token, an error of any kind, an unusual URL or
 * query) goes to Express unchanged, where TokenValidationMiddleware gives the full answer.
 * It writes no log line, so it needs no request context, but it sends the same
 * X-Openstack-Request-Id header as requestIdMiddleware.
 */
@Injectable()
export class TokenValidationFastPath {
  /** Requests answered here (tests check the shortcut is really taken). */
  hits = 0;

  constructor(@Inject(TokenValidationService) private readonly tokens: TokenValidationService) {}

  /** Put the shortcut in front of the server's only request listener (Express). */
  install(server: Server): void {
    installAheadOfExpress(server, (req, res) => this.tryServe(req, res));
  }

  /** True when the request was answered. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return false;
    }
    const catalog = this.catalogWanted(req.url ?? '');
    const callerToken = header(req, 'x-auth-token');
    const subject = header(req, 'x-subject-token');
    if (catalog === undefined || !callerToken || !subject) {
      return false;
    }
    const json = this.tokens.cachedJson(callerToken, subject, catalog);
    if (json === undefined) {
      return false;
    }
    this.hits++;
    const requestId = sanitizeRequestId(req.headers[REQUEST_ID_HEADER]) ?? newRequestId();
    const common = {
      'X-Openstack-Request-Id': requestId,
      'X-Subject-Token': subject,
      'Content-Type': 'application/json',
    };
    if (req.method === 'HEAD') {
      res.writeHead(200, common).end();
    } else {
      res
        .writeHead(200, {
          ...common,
          'Content-Length': Buffer.byteLength(json),
          Vary: 'X-Auth-Token',
        })
        .end(json);
    }
    return true;
  }

  /** Whether the catalog is wanted; undefined for any URL this shortcut leaves to Express. */
  private catalogWanted(url: string): boolean | undefined {
    if (url === PATH) {
      return true;
    }
    if (!url.startsWith(`${PATH}?`) || url.includes('%00')) {
      return undefined;
    }
    const query = parseQuery(url.slice(PATH.length + 1));
    const keys = Object.keys(query);
    if (keys.some((k) => k !== 'nocatalog') || Array.isArray(query['nocatalog'])) {
      return undefined;
    }
    return queryBool(query, 'nocatalog') !== true;
  }
}
