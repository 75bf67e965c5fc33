import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module.js';
import { ImageDataRestController } from './image-data.rest-controller.js';
import { ImageDataService } from './image-data.service.js';
import { ImageDataWriter } from './image-data.writer.js';
import { SnapshotService } from './snapshot.service.js';
import { UploadRecoveryService } from './upload-recovery.service.js';

@Module({
  imports: [ImagesModule],
  controllers: [ImageDataRestController],
  providers: [ImageDataService, ImageDataWriter, UploadRecoveryService, SnapshotService],
  exports: [ImageDataService, ImageDataWriter, SnapshotService],
})
export class ImageDataModule {}
