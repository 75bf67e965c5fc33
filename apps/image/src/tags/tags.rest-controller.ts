import { Controller, Delete, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { Caller, RequireRole, type AuthContext } from '@tinystack/auth';
import { TagsService } from './tags.service.js';

/** /v2/images/{id}/tags/{tag}. */
@Controller('v2/images/:id/tags')
@RequireRole('reader')
export class TagsRestController {
  constructor(@Inject(TagsService) private readonly tags: TagsService) {}

  @Put(':tag')
  @HttpCode(204)
  async add(@Caller() c: AuthContext, @Param('id') id: string, @Param('tag') tag: string): Promise<void> {
    await this.tags.add(c, id, tag);
  }

  @Delete(':tag')
  @HttpCode(204)
  async remove(@Caller() c: AuthContext, @Param('id') id: string, @Param('tag') tag: string): Promise<void> {
    await this.tags.remove(c, id, tag);
  }
}
