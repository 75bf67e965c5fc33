import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { notFound } from '@tinystack/errors';
import { parseInput } from '@tinystack/http';
import { z } from 'zod';
import type { ApiVersion } from '../http/api-version.js';
import { Version } from '../http/versioned.decorators.js';
import { queryValue, type RawQuery } from '../shared/query.js';
import { boolLike } from '../shared/schema-types.js';
import { isoMicro } from '../shared/time.js';
import type { ServiceEntity } from './service.entity.js';
import { ServicesService } from './services.service.js';

const hostBinary = z.object({ host: z.string().min(1).max(255), binary: z.string().min(1).max(255) }).strict();
const withReason = hostBinary.extend({ disabled_reason: z.string().min(1).max(255) }).strict();
const forceDown = hostBinary.extend({ forced_down: boolLike }).strict();
const updateV253 = z
  .object({ status: z.enum(['enabled', 'disabled']).optional(), disabled_reason: z.string().min(1).max(255).optional(), forced_down: boolLike.optional() })
  .strict();

/** /v2.1/os-services (admins). */
@Controller('v2.1/os-services')
export class ServicesRestController {
  constructor(@Inject(ServicesService) private readonly services: ServicesService) {}

  private view(s: ServiceEntity, version: ApiVersion): Record<string, unknown> {
    return {
      id: version.atLeast('2.53') ? s.uuid : s.id,
      binary: s.binary,
      disabled_reason: s.disabledReason,
      host: s.host,
      state: this.services.isUp(s) ? 'up' : 'down',
      status: s.disabled ? 'disabled' : 'enabled',
      updated_at: isoMicro(s.updatedAt),
      zone: s.binary === 'nova-compute' ? 'nova' : 'internal',
      ...(version.atLeast('2.11') ? { forced_down: s.forcedDown } : {}),
    };
  }

  @Get()
  async list(@Caller() caller: AuthContext, @Query() query: RawQuery, @Version() version: ApiVersion) {
    const found = await this.services.list(caller, { host: queryValue(query, 'host'), binary: queryValue(query, 'binary') });
    return { services: found.map((s) => this.view(s, version)) };
  }

  /**
   * PUT /os-services/{id} from 2.53; before, PUT /os-services/{enable|disable|disable-log-reason|force-down}
   * with host and binary in the body.
   */
  @Put(':id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() raw: unknown, @Version() version: ApiVersion) {
    if (version.atLeast('2.53')) {
      const body = parseInput(updateV253, raw);
      const service = await this.services.find(caller, id);
      const updated = await this.services.update(caller, service, {
        ...(body.status !== undefined ? { disabled: body.status === 'disabled' } : {}),
        ...(body.disabled_reason !== undefined ? { disabledReason: body.disabled_reason } : {}),
        ...(body.forced_down !== undefined ? { forcedDown: body.forced_down } : {}),
      });
      return { service: this.view(updated, version) };
    }
    return this.legacyUpdate(caller, id, raw, version);
  }

  private async legacyUpdate(caller: AuthContext, action: string, raw: unknown, version: ApiVersion) {
    switch (action) {
      case 'enable':
      case 'disable': {
        const b = parseInput(hostBinary, raw);
        const s = await this.services.update(caller, await this.services.findByHost(caller, b.host, b.binary), { disabled: action === 'disable' });
        return { service: { host: s.host, binary: s.binary, status: s.disabled ? 'disabled' : 'enabled' } };
      }
      case 'disable-log-reason': {
        const b = parseInput(withReason, raw);
        const s = await this.services.update(caller, await this.services.findByHost(caller, b.host, b.binary), {
          disabled: true,
          disabledReason: b.disabled_reason,
        });
        return { service: { host: s.host, binary: s.binary, status: 'disabled', disabled_reason: s.disabledReason } };
      }
      case 'force-down': {
        if (version.before('2.11')) {
          throw notFound('The resource could not be found.');
        }
        const b = parseInput(forceDown, raw);
        const s = await this.services.update(caller, await this.services.findByHost(caller, b.host, b.binary), { forcedDown: b.forced_down });
        return { service: { host: s.host, binary: s.binary, forced_down: s.forcedDown } };
      }
      default:
        throw notFound('The resource could not be found.');
    }
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.services.delete(caller, await this.services.find(caller, id));
  }
}
