import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { Public } from '@tinystack/auth';
import { IMAGE_CONFIG, publicUrlOf, type ImageConfig } from '../config.js';
import { versionsDocument } from './versions.js';

/** Version discovery: Glance answers GET / with 300 Multiple Choices and GET /versions with 200. */
@Controller()
export class VersionsRestController {
  constructor(@Inject(IMAGE_CONFIG) private readonly config: ImageConfig) {}

  @Get()
  @Public()
  @HttpCode(300)
  root() {
    return versionsDocument(publicUrlOf(this.config));
  }

  @Get('versions')
  @Public()
  versions() {
    return versionsDocument(publicUrlOf(this.config));
  }
}
