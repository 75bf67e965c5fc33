import { Module } from '@nestjs/common';
import { ImageDataModule } from '../image-data/image-data.module.js';
import { ImagesModule } from '../images/images.module.js';
import { ImagesGrpcController } from './images.grpc-controller.js';

@Module({ imports: [ImagesModule, ImageDataModule], controllers: [ImagesGrpcController] })
export class ImageGrpcModule {}
