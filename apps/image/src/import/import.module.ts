import { Module } from '@nestjs/common';
import { ImageDataModule } from '../image-data/image-data.module.js';
import { ImagesModule } from '../images/images.module.js';
import { ImportRestController } from './import.rest-controller.js';
import { ImportService } from './import.service.js';
import { StagingRepository } from './staging.repository.js';

@Module({
  imports: [ImagesModule, ImageDataModule],
  controllers: [ImportRestController],
  providers: [ImportService, StagingRepository],
})
export class ImportModule {}
