import { Controller, Get } from '@nestjs/common';
import { RequireRole } from '@tinystack/auth';
import { imageSchema, imagesSchema, memberSchema, membersSchema } from './glance-schemas.js';

/** GET /v2/schemas/{image,images,member,members}: glanceclient builds its models from these. */
@Controller('v2/schemas')
@RequireRole('reader')
export class SchemasRestController {
  @Get('image')
  image() {
    return imageSchema();
  }

  @Get('images')
  images() {
    return imagesSchema();
  }

  @Get('member')
  member() {
    return memberSchema();
  }

  @Get('members')
  members() {
    return membersSchema();
  }
}
