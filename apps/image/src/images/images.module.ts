import { Module } from '@nestjs/common';
import { ImagesRepository } from './images.repository.js';
import { ImagesRestController } from './images.rest-controller.js';
import { ImagesService } from './images.service.js';

@Module({
  controllers: [ImagesRestController],
  providers: [ImagesRepository, ImagesService],
  exports: [ImagesRepository, ImagesService],
})
export class ImagesModule {}
