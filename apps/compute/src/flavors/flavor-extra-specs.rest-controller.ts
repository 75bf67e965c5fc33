import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { badRequest } from '@tinystack/errors';
import { parseInput } from '@tinystack/http';
import { createExtraSpecs, updateExtraSpec } from './flavors.schemas.js';
import { FlavorsService } from './flavors.service.js';

/** /v2.1/flavors/{id}/os-extra_specs: everyone reads, admins write. */
@Controller('v2.1/flavors/:flavorId/os-extra_specs')
export class FlavorExtraSpecsRestController {
  constructor(@Inject(FlavorsService) private readonly flavors: FlavorsService) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Param('flavorId') flavorId: string) {
    return { extra_specs: await this.flavors.extraSpecs(caller, flavorId) };
  }

  @Post()
  @HttpCode(200)
  async create(@Caller() caller: AuthContext, @Param('flavorId') flavorId: string, @Body() raw: unknown) {
    const body = parseInput(createExtraSpecs, raw);
    await this.flavors.setExtraSpecs(caller, flavorId, body.extra_specs);
    return body;
  }

  @Get(':key')
  async show(@Caller() caller: AuthContext, @Param('flavorId') flavorId: string, @Param('key') key: string) {
    return { [key]: await this.flavors.extraSpec(caller, flavorId, key) };
  }

  @Put(':key')
  async update(
    @Caller() caller: AuthContext,
    @Param('flavorId') flavorId: string,
    @Param('key') key: string,
    @Body() raw: unknown,
  ) {
    const body = parseInput(updateExtraSpec, raw);
    const keys = Object.keys(body);
    if (keys.length > 1) {
      throw badRequest('Request body contains too many items');
    }
    if (keys[0] !== key) {
      throw badRequest('Request body and URI mismatch');
    }
    await this.flavors.setExtraSpecs(caller, flavorId, body);
    return body;
  }

  @Delete(':key')
  @HttpCode(202)
  async remove(@Caller() caller: AuthContext, @Param('flavorId') flavorId: string, @Param('key') key: string): Promise<void> {
    await this.flavors.deleteExtraSpec(caller, flavorId, key);
  }
}
