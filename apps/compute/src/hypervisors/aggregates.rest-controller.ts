import { Controller, Get } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { requireAdmin } from '../shared/policy.js';

/**
 * GET /v2.1/os-aggregates (admins): host aggregates are not implemented, so there are none.
 * openstackclient's `hypervisor show` lists them to name a host's aggregates.
 */
@Controller('v2.1/os-aggregates')
export class AggregatesRestController {
  @Get()
  list(@Caller() caller: AuthContext) {
    requireAdmin(caller, 'os_compute_api:os-aggregates:index');
    return { aggregates: [] };
  }
}
