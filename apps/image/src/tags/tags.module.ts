import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module.js';
import { TagsRestController } from './tags.rest-controller.js';
import { TagsService } from './tags.service.js';

@Module({ imports: [ImagesModule], controllers: [TagsRestController], providers: [TagsService] })
export class TagsModule {}
