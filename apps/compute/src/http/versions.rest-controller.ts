import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { Public } from '@tinystack/auth';
import { COMPUTE_CONFIG, publicUrlOf, type ComputeConfig } from '../config.js';
import { versionDocument, versionsDocument } from './versions.document.js';

/** Version discovery: Nova answers GET / with 200 (not 300) and GET /v2.1 with the version document. */
@Controller()
export class VersionsRestController {
  private readonly publicUrl: string;

  constructor(@Inject(COMPUTE_CONFIG) config: ComputeConfig) {
    this.publicUrl = publicUrlOf(config);
  }

  @Get()
  @Public()
  @HttpCode(200)
  root() {
    return versionsDocument(this.publicUrl);
  }

  @Get('v2.1')
  @Public()
  v21() {
    return versionDocument(this.publicUrl);
  }
}
