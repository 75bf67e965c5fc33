import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import type { Response } from 'express';
import type { ApiVersion } from '../http/api-version.js';
import { Links } from '../http/links.js';
import { Version, VersionedBody } from '../http/versioned.decorators.js';
import { isFullPage, MAX_LIMIT, pageOf, queryValue, type RawQuery } from '../shared/query.js';
import { KeypairView } from './keypair.view.js';
import { createKeypairV21, createKeypairV210, createKeypairV22, type CreateKeypairBody } from './keypairs.schemas.js';
import { KeypairsService } from './keypairs.service.js';

/** /v2.1/os-keypairs: create (generate or import), list, show, delete. */
@Controller('v2.1/os-keypairs')
export class KeypairsRestController {
  constructor(
    @Inject(KeypairsService) private readonly keypairs: KeypairsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  /** 200 at 2.1, 201 from 2.2. */
  @Post()
  async create(
    @Caller() caller: AuthContext,
    @VersionedBody({ '2.1': createKeypairV21, '2.2': createKeypairV22, '2.10': createKeypairV210 }) body: CreateKeypairBody,
    @Version() version: ApiVersion,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { keypair, privateKey } = await this.keypairs.create(caller, {
      name: body.keypair.name,
      publicKey: body.keypair.public_key,
      type: body.keypair.type ?? 'ssh',
      userId: body.keypair.user_id,
    });
    res.status(version.atLeast('2.2') ? 201 : 200);
    return new KeypairView(version).create(keypair, privateKey);
  }

  @Get()
  async list(@Caller() caller: AuthContext, @Query() query: RawQuery, @Version() version: ApiVersion) {
    const userId = version.atLeast('2.10') ? queryValue(query, 'user_id') : undefined;
    const page = version.atLeast('2.35') ? pageOf(query) : { limit: MAX_LIMIT, explicit: false, marker: undefined };
    const found = await this.keypairs.list(caller, userId, page.limit, page.marker);
    const view = new KeypairView(version);
    const last = found[found.length - 1];
    return {
      keypairs: found.map((kp) => view.listItem(kp)),
      ...(version.atLeast('2.35') && last && isFullPage(page, found.length)
        ? { keypairs_links: this.links.next('os-keypairs', query, last.name) }
        : {}),
    };
  }

  @Get(':name')
  async show(@Caller() caller: AuthContext, @Param('name') name: string, @Query() query: RawQuery, @Version() version: ApiVersion) {
    const userId = version.atLeast('2.10') ? queryValue(query, 'user_id') : undefined;
    return new KeypairView(version).show(await this.keypairs.get(caller, name, userId));
  }

  /** 202 at 2.1, 204 from 2.2. */
  @Delete(':name')
  @HttpCode(202)
  async remove(
    @Caller() caller: AuthContext,
    @Param('name') name: string,
    @Query() query: RawQuery,
    @Version() version: ApiVersion,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const userId = version.atLeast('2.10') ? queryValue(query, 'user_id') : undefined;
    await this.keypairs.delete(caller, name, userId);
    res.status(version.atLeast('2.2') ? 204 : 202);
  }
}
