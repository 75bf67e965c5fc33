import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { Caller, RequireRole, type AuthContext } from '@tinystack/auth';
import { parseAddMember, parseMemberStatus } from './member.input.js';
import { toMemberView } from './member.view.js';
import { MembersService } from './members.service.js';

/** /v2/images/{id}/members: share an image with projects, and answer a share. */
@Controller('v2/images/:id/members')
@RequireRole('reader')
export class MembersRestController {
  constructor(@Inject(MembersService) private readonly members: MembersService) {}

  @Post()
  @HttpCode(200)
  async add(@Caller() c: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return toMemberView(await this.members.add(c, id, parseAddMember(body)));
  }

  @Get()
  async list(@Caller() c: AuthContext, @Param('id') id: string) {
    const members = await this.members.list(c, id);
    return { members: members.map(toMemberView), schema: '/v2/schemas/members' };
  }

  @Get(':member')
  async show(@Caller() c: AuthContext, @Param('id') id: string, @Param('member') member: string) {
    return toMemberView(await this.members.get(c, id, member));
  }

  @Put(':member')
  async update(@Caller() c: AuthContext, @Param('id') id: string, @Param('member') member: string, @Body() body: unknown) {
    return toMemberView(await this.members.setStatus(c, id, member, parseMemberStatus(body)));
  }

  @Delete(':member')
  @HttpCode(204)
  async remove(@Caller() c: AuthContext, @Param('id') id: string, @Param('member') member: string): Promise<void> {
    await this.members.remove(c, id, member);
  }
}
