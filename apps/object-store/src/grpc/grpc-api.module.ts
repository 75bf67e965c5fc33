import { Module } from '@nestjs/common';
import { ContainersModule } from '../containers/containers.module.js';
import { ObjectStoreGrpcController } from './object-store.grpc-controller.js';
import { ObjectStoreGrpcService } from './object-store-grpc.service.js';

@Module({ imports: [ContainersModule], controllers: [ObjectStoreGrpcController], providers: [ObjectStoreGrpcService] })
export class GrpcApiModule {}
