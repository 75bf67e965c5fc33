import { Controller, Delete, Get, HttpCode, Inject, Module, Param, Query } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { PortsModule } from '../ports/ports.module.js';
import { RoutersModule } from '../routers/routers.module.js';
import { firstOf, type RawQuery } from '../shared/list-query.js';
import { AutoAllocationService } from './auto-allocation.service.js';

/** /v2.0/auto-allocated-topology/{project_id} (the auto-allocated-topology extension). */
@Controller('v2.0/auto-allocated-topology')
export class AutoAllocationRestController {
  constructor(@Inject(AutoAllocationService) private readonly auto: AutoAllocationService) {}

  @Get(':project')
  async show(@Caller() caller: AuthContext, @Param('project') project: string, @Query() query: RawQuery) {
    if (firstOf(query, 'fields') === 'dry-run') {
      return { auto_allocated_topology: { 'dry-run': 'pass' } };
    }
    const id = await this.auto.networkFor(caller, project);
    return { auto_allocated_topology: { id, tenant_id: project, project_id: project } };
  }

  @Delete(':project')
  @HttpCode(204)
  async remove(@Caller() caller: AuthContext, @Param('project') project: string): Promise<void> {
    await this.auto.release(caller, project);
  }
}

@Module({
  imports: [PortsModule, RoutersModule],
  providers: [AutoAllocationService],
  exports: [AutoAllocationService],
  controllers: [AutoAllocationRestController],
})
export class AutoAllocationModule {}
