import { Controller, Get, HttpCode, Inject, Param } from '@nestjs/common';
import { Public } from '@tinystack/auth';
import { neutronError } from '../shared/neutron.errors.js';
import { PublicUrl } from '../shared/public-url.js';
import { EXTENSIONS, extensionView } from './extensions.js';

/** The collections GET /v2.0 lists (Neutron's resource discovery). */
const RESOURCES: ReadonlyArray<[string, string]> = [
  ['network', 'networks'],
  ['subnet', 'subnets'],
  ['port', 'ports'],
  ['router', 'routers'],
  ['floatingip', 'floatingips'],
  ['security_group', 'security-groups'],
  ['security_group_rule', 'security-group-rules'],
  ['quota', 'quotas'],
];

/** Version discovery (GET /, GET /v2.0) and the extension list clients probe. */
@Controller()
export class VersionsRestController {
  constructor(@Inject(PublicUrl) private readonly url: PublicUrl) {}

  @Get()
  @Public()
  @HttpCode(200)
  root() {
    return { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ href: `${this.url.base}/v2.0/`, rel: 'self' }] }] };
  }

  @Get('v2.0')
  @Public()
  v20() {
    return {
      resources: RESOURCES.map(([name, collection]) => ({
        name,
        collection,
        links: [{ href: `${this.url.base}/v2.0/${collection}`, rel: 'self' }],
      })),
    };
  }

  @Get('v2.0/extensions')
  extensions() {
    return { extensions: EXTENSIONS.map(extensionView) };
  }

  @Get('v2.0/extensions/:alias')
  extension(@Param('alias') alias: string) {
    const ext = EXTENSIONS.find((e) => e.alias === alias);
    if (!ext) {
      throw neutronError('not_found', 'HTTPNotFound', `Extension with alias ${alias} does not exist`);
    }
    return { extension: extensionView(ext) };
  }
}
