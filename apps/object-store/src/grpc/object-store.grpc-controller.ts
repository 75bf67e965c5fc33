import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { from, Observable } from 'rxjs';
import { callerOf, GrpcAuthInterceptor } from '@tinystack/auth';
import { objectstoreV1 } from '@tinystack/contracts';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { chunksFor, putStreamToBody, type IncomingCall, type OutgoingCall } from './grpc-streams.js';
import { ObjectStoreGrpcService } from './object-store-grpc.service.js';

const { ObjectStoreServiceControllerMethods } = objectstoreV1;

/** tinystack.objectstore.v1.ObjectStoreService: thin handlers over ObjectStoreGrpcService. */
@Controller()
@ObjectStoreServiceControllerMethods()
@UseInterceptors(GrpcContextInterceptor, GrpcAuthInterceptor)
@UseFilters(DomainRpcExceptionFilter)
export class ObjectStoreGrpcController implements objectstoreV1.ObjectStoreServiceController {
  constructor(@Inject(ObjectStoreGrpcService) private readonly svc: ObjectStoreGrpcService) {}

  async ensureContainer(req: objectstoreV1.EnsureContainerRequest, meta?: Metadata): Promise<objectstoreV1.EnsureContainerResponse> {
    return { created: await this.svc.ensureContainer(callerOf(meta), req) };
  }

  /** Returns an Observable, not a Promise: see putStreamToBody. */
  putObject(req$: Observable<objectstoreV1.PutObjectRequest>, meta?: Metadata, call?: IncomingCall): Observable<objectstoreV1.PutObjectResponse> {
    const caller = callerOf(meta);
    const upload = putStreamToBody(req$, call);
    return from(upload.then(async ({ header, body }) => ({ object: await this.svc.putObject(caller, header, body) })));
  }

  getObject(req: objectstoreV1.GetObjectRequest, meta?: Metadata, call?: OutgoingCall): Observable<objectstoreV1.GetObjectResponse> {
    return new Observable((sub) => {
      let stop = false;
      void (async () => {
        const { info, body } = await this.svc.getObject(callerOf(meta), req);
        sub.next({ info });
        for await (const chunk of chunksFor(body, call)) {
          if (stop) {
            body.destroy();
            return;
          }
          sub.next({ chunk });
        }
        sub.complete();
      })().catch((err: unknown) => sub.error(err));
      return () => {
        stop = true;
      };
    });
  }

  async headObject(req: objectstoreV1.HeadObjectRequest, meta?: Metadata): Promise<objectstoreV1.HeadObjectResponse> {
    return { object: await this.svc.headObject(callerOf(meta), req) };
  }

  async deleteObject(req: objectstoreV1.DeleteObjectRequest, meta?: Metadata): Promise<objectstoreV1.DeleteObjectResponse> {
    await this.svc.deleteObject(callerOf(meta), req);
    return {};
  }

  async listObjects(req: objectstoreV1.ListObjectsRequest, meta?: Metadata): Promise<objectstoreV1.ListObjectsResponse> {
    return { items: await this.svc.listObjects(callerOf(meta), req) };
  }

  async headContainer(req: objectstoreV1.HeadContainerRequest, meta?: Metadata): Promise<objectstoreV1.HeadContainerResponse> {
    return this.svc.headContainer(callerOf(meta), req);
  }

  async deleteContainer(req: objectstoreV1.DeleteContainerRequest, meta?: Metadata): Promise<objectstoreV1.DeleteContainerResponse> {
    await this.svc.deleteContainer(callerOf(meta), req);
    return {};
  }

  async listContainers(req: objectstoreV1.ListContainersRequest, meta?: Metadata): Promise<objectstoreV1.ListContainersResponse> {
    return { containers: await this.svc.listContainers(callerOf(meta), req) };
  }
}
