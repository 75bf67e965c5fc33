import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { Public } from '@tinystack/auth';
import { Links } from './links.js';
import { versionDocument } from './version.document.js';

/** Version discovery: GET / is 300 Multiple Choices with the one version, GET /v3 its document. */
@Controller()
export class VersionController {
  constructor(@Inject(Links) private readonly links: Links) {}

  @Get()
  @Public()
  @HttpCode(300)
  versions() {
    return { versions: { values: [versionDocument(this.links.public)] } };
  }

  @Get('v3')
  @Public()
  version() {
    return { version: versionDocument(this.links.public) };
  }
}
