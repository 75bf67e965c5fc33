import { createReadStream } from 'node:fs';
import { withUnimplemented } from '@tinystack/grpc';
import { computeV1, identityV1, imageV1 } from '@tinystack/contracts';
import type { TestImage } from '@tinystack/hypervisor/test-images';
import { createServer, ServerError, Status, type Server } from 'nice-grpc';
import { ADMIN_ROLES_FOR_SERVICE, type TokenSigner } from '@tinystack/auth/testing';

/**
 * Stand-ins for the services the agent talks to (identity, compute, image), as real gRPC
 * servers on 127.0.0.1:0, for medium tests: an app cannot import another app. The e2e suite
 * runs the agent against the real services.
 */

async function listen(server: Server): Promise<string> {
  return `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
}

export async function startIdentityStandIn(
  signer: TokenSigner,
  password: string,
): Promise<{ url: string; server: Server }> {
  const server = createServer();
  server.add(identityV1.IdentityServiceDefinition, withUnimplemented(identityV1.IdentityServiceDefinition, {
    listSigningKeys: () =>
      Promise.resolve({
        keys: [
          { kid: signer.kid, algorithm: 'ES256', publicKeyPem: signer.publicPem, createdAt: 0 },
        ],
        notBefore: 0,
      }),
    authenticate: (req: identityV1.AuthenticateRequest) => {
      if (req.password !== password) {
        throw new ServerError(
          Status.UNAUTHENTICATED,
          'The request you have made requires authentication.',
        );
      }
      const token = signer.sign({
        userId: `svc-${req.userName}`,
        userName: req.userName,
        projectId: 'service',
        projectName: 'service',
        roles: ADMIN_ROLES_FOR_SERVICE,
      });
      return Promise.resolve({ token, info: undefined });
    },
    async *watchRevocations(_req: unknown, ctx: { signal: AbortSignal }) {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      yield* [];
    },
  }));
  return { url: await listen(server), server };
}

/** Records what agents tell compute; `destroyIds` are handed out with the next heartbeat. */
export class ComputeStandIn {
  readonly registrations: computeV1.RegisterAgentRequest[] = [];
  readonly heartbeats: computeV1.HeartbeatRequest[] = [];
  readonly reports: computeV1.ReportServerStateRequest[] = [];
  destroyIds: string[] = [];
  known = true;
  server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer();
    this.server.add(computeV1.ComputeServiceDefinition, withUnimplemented(computeV1.ComputeServiceDefinition, {
      registerAgent: (req: computeV1.RegisterAgentRequest) => {
        this.registrations.push(req);
        this.known = true;
        return Promise.resolve({
          nodeId: 'node-1',
          heartbeatIntervalMs: 200,
          destroyServerIds: [],
        });
      },
      heartbeat: (req: computeV1.HeartbeatRequest) => {
        this.heartbeats.push(req);
        const ids = this.destroyIds;
        this.destroyIds = [];
        return Promise.resolve({ known: this.known, destroyServerIds: ids });
      },
      reportServerState: (req: computeV1.ReportServerStateRequest) => {
        this.reports.push(req);
        return Promise.resolve({});
      },
    }));
    return listen(this.server);
  }
}

/** Serves images by id as the image service's GetImageData does. */
export async function startImageStandIn(
  images: Record<string, TestImage>,
): Promise<{ url: string; server: Server; served: string[] }> {
  const served: string[] = [];
  const server = createServer();
  server.add(imageV1.ImageServiceDefinition, withUnimplemented(imageV1.ImageServiceDefinition, {
    async *getImageData(req: imageV1.GetImageDataRequest) {
      const img = images[req.id];
      if (!img) {
        throw new ServerError(Status.NOT_FOUND, `No image with ID ${req.id} exists.`);
      }
      served.push(req.id);
      yield {
        image: {
          id: req.id,
          name: img.name,
          status: 'active',
          visibility: 'public',
          owner: 'p1',
          diskFormat: img.format,
          containerFormat: 'bare',
          size: img.size,
          checksum: img.md5,
          osHashAlgo: 'sha512',
          osHashValue: img.sha512,
          minDisk: 0,
          minRam: 0,
          protected: false,
          osHidden: false,
          tags: [],
          properties: {},
          createdAt: 0,
          updatedAt: 0,
        },
      };
      for await (const chunk of createReadStream(img.path, { highWaterMark: 64 * 1024 })) {
        yield { chunk: chunk as Buffer };
      }
    },
  }));
  return { url: await listen(server), server, served };
}
