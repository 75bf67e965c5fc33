import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { TokenVerifier, type AuthContext } from '@tinystack/auth';
import { installAheadOfExpress, toHttpErrorInfo } from '@tinystack/http';
import {
  newRequestId,
  REQUEST_ID_HEADER,
  runWithContext,
  sanitizeRequestId,
} from '@tinystack/logging';
import { swiftErrorShape } from '../http/swift-error.shape.js';
import { swiftHeaders } from '../http/trans-id.js';
import { parseSwiftPath, type SwiftPath } from '../shared/swift-path.js';
import { sendReply, type SwiftReply } from '../shared/swift-reply.js';
import type { SwiftRequest } from '../shared/swift-request.js';
import { ObjectsReadService } from './objects-read.service.js';
import { ObjectsWriteService } from './objects-write.service.js';

/**
 * The common object requests, ahead of Express: GET, HEAD and PUT of
 * `/v1/<account>/<container>/<object>` with an X-Auth-Token and no query string. Express's
 * router, passport and Nest's guard / param-decorator chain cost more CPU than a 4 KiB
 * answer (profile of the bench: ~12% of the service's time, plus the promise hooks the
 * async chain wakes). Everything else (a query string, no token, a path Swift rejects,
 * other methods) goes to Express unchanged.
 *
 * It does what that chain does for these routes (ObjectsController is @Public()): the
 * token is verified by TokenVerifier as TokenAuthGuard does (signature, expiry,
 * revocation; an invalid token makes the caller anonymous, and AccessService answers 401
 * unless an ACL allows it), the request id and Swift's X-Trans-Id are set as
 * requestIdMiddleware sets them, log lines carry the id, and errors take Swift's shape as
 * the exception filter writes them. The answer comes from the same ObjectsReadService /
 * ObjectsWriteService and sendReply, so the two paths answer alike
 * (objects.fast-path.int.test.ts compares them).
 */
@Injectable()
export class ObjectsFastPath {
  /** Requests answered here (tests check the shortcut is really taken). */
  hits = 0;
  /** Off: every request goes to Express (tests compare the two paths). */
  enabled = true;

  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(ObjectsReadService) private readonly reads: ObjectsReadService,
    @Inject(ObjectsWriteService) private readonly writes: ObjectsWriteService,
  ) {}

  /** Put the shortcut in front of the server's only request listener (Express). */
  install(server: Server): void {
    installAheadOfExpress(server, (req, res) => this.tryServe(req, res));
  }

  /** True when the request is taken here (answered now or later). */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method;
    if (!this.enabled || (method !== 'GET' && method !== 'HEAD' && method !== 'PUT')) {
      return false;
    }
    const url = req.url ?? '';
    const token = req.headers['x-auth-token'];
    if (!url.startsWith('/v1/') || url.includes('?') || typeof token !== 'string' || token === '') {
      return false;
    }
    const path = objectPath(url);
    if (!path) {
      return false;
    }
    this.hits++;
    const requestId = sanitizeRequestId(req.headers[REQUEST_ID_HEADER]) ?? newRequestId();
    res.setHeader('X-Openstack-Request-Id', requestId);
    for (const [k, v] of Object.entries(swiftHeaders(requestId))) {
      res.setHeader(k, v);
    }
    runWithContext({ requestId }, () => void this.serve(req, res, method, url, path, token));
    return true;
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: string,
    path: SwiftPath,
    token: string,
  ): Promise<void> {
    try {
      const caller = this.verifier.verifyCached(token) ?? (await this.verify(token));
      const r: SwiftRequest = {
        method,
        path,
        rawPath: url,
        query: new URLSearchParams(),
        headers: req.headers,
        caller,
        body: req,
      };
      let reply: SwiftReply;
      if (method === 'PUT') {
        reply = await this.writes.put(r);
      } else {
        reply = await this.reads.read(r);
      }
      sendReply(res, reply, method === 'HEAD');
    } catch (err) {
      writeSwiftError(req, res, err);
    }
  }

  /** TokenAuthGuard on a @Public() route: an invalid token leaves the caller anonymous. */
  private async verify(token: string): Promise<AuthContext | undefined> {
    try {
      return await this.verifier.verify(token);
    } catch {
      return undefined;
    }
  }
}

/** The decoded path when it names an object and Swift accepts it; undefined otherwise. */
function objectPath(url: string): SwiftPath | undefined {
  try {
    const path = parseSwiftPath(url);
    return path.container !== undefined && path.object !== undefined ? path : undefined;
  } catch {
    return undefined;
  }
}

/** writeHttpError (libs/http) on a raw ServerResponse, with Swift's error shape. */
function writeSwiftError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const info = toHttpErrorInfo(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { body, contentType } = swiftErrorShape(info, req);
  for (const [k, v] of Object.entries(info.headers)) {
    res.setHeader(k, v);
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.statusCode = info.status;
  res.setHeader('Content-Type', contentType ?? 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(req.method === 'HEAD' ? undefined : text);
}
