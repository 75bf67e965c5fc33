import { Module } from '@nestjs/common';
import { ContainersModule } from '../containers/containers.module.js';
import { BulkDeleteService } from './bulk-delete.service.js';

@Module({ imports: [ContainersModule], providers: [BulkDeleteService], exports: [BulkDeleteService] })
export class BulkModule {}
