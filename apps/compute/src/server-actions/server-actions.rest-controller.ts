import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { badRequest, notFound } from '@tinystack/errors';
import { parseInput } from '@tinystack/http';
import type { Response } from 'express';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import type { ApiVersion } from '../http/api-version.js';
import { pickForVersion, Version } from '../http/versioned.decorators.js';
import {
  ACTION_SCHEMAS,
  type ConsoleOutputBody,
  type CreateImageBody,
  type LockBody,
  type ResetStateBody,
  type RebootBody,
} from './server-action.schemas.js';
import { ServerActionsService } from './server-actions.service.js';

const POWER = { 'os-start': 'start', 'os-stop': 'stop', pause: 'pause', unpause: 'unpause', suspend: 'suspend', resume: 'resume' } as const;

/** POST /v2.1/servers/{id}/action: one action per body, Nova's 202 (console output 200). */
@Controller('v2.1/servers/:id/action')
export class ServerActionsRestController {
  constructor(
    @Inject(ServerActionsService) private readonly actions: ServerActionsService,
    @Inject(COMPUTE_CONFIG) private readonly config: ComputeConfig,
  ) {}

  @Post()
  @HttpCode(202)
  async act(
    @Caller() caller: AuthContext,
    @Headers('x-auth-token') token: string,
    @Param('id') id: string,
    @Body() raw: unknown,
    @Version() version: ApiVersion,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length !== 1) {
      throw badRequest('Malformed request body');
    }
    const [name, value] = Object.entries(raw)[0] as [string, unknown];
    const schemas = ACTION_SCHEMAS[name];
    if (!schemas) {
      throw notFound('The resource could not be found.');
    }
    const body = parseInput(pickForVersion(version, schemas), value);
    switch (name) {
      case 'reboot':
        await this.actions.power(caller, id, (body as RebootBody).type === 'HARD' ? 'reboot_hard' : 'reboot');
        return undefined;
      case 'createImage':
        return this.createImage(caller, token, id, body as CreateImageBody, version, res);
      case 'os-getConsoleOutput':
        res.status(200);
        return { output: await this.actions.consoleOutput(caller, id, (body as ConsoleOutputBody).length) };
      case 'lock':
        await this.actions.lock(caller, id, (body as LockBody | null)?.locked_reason);
        return undefined;
      case 'unlock':
        await this.actions.unlock(caller, id);
        return undefined;
      case 'os-resetState':
        await this.actions.resetState(caller, id, (body as ResetStateBody).state);
        return undefined;
      default:
        await this.actions.power(caller, id, POWER[name as keyof typeof POWER]);
        return undefined;
    }
  }

  /** 2.45 answers {"image_id"}; before, a Location header naming the image. */
  private async createImage(caller: AuthContext, token: string, id: string, body: CreateImageBody, version: ApiVersion, res: Response) {
    const imageId = await this.actions.createImage(caller, token, id, body.name, body.metadata ?? {});
    if (version.atLeast('2.45')) {
      return { image_id: imageId };
    }
    res.setHeader('Location', `${this.config.IMAGE_PUBLIC_URL.replace(/\/+$/, '')}/v2/images/${imageId}`);
    return undefined;
  }
}
