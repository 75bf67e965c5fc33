import { Module } from '@nestjs/common';
import { LargeObjectsModule } from '../large-objects/large-objects.module.js';
import { ObjectCopyService } from './object-copy.service.js';
import { ObjectsFastPath } from './objects.fast-path.js';
import { ObjectsController } from './objects.controller.js';
import { ObjectsReadService } from './objects-read.service.js';
import { ObjectsWriteService } from './objects-write.service.js';

@Module({
  imports: [LargeObjectsModule],
  controllers: [ObjectsController],
  providers: [ObjectsReadService, ObjectsWriteService, ObjectCopyService, ObjectsFastPath],
  exports: [ObjectsFastPath],
})
export class ObjectsModule {}
