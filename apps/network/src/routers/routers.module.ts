import { Body, Controller, Inject, Module, Param, Put } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import { NetworksModule } from '../networks/networks.module.js';
import { PortsModule } from '../ports/ports.module.js';
import { crudController } from '../shared/crud.controller.js';
import { SubnetsModule } from '../subnets/subnets.module.js';
import { createRouterBody, interfaceBody, updateRouterBody } from './routers.api.js';
import { RoutersService } from './routers.service.js';

/** PUT /v2.0/routers/{id}/add_router_interface and remove_router_interface. */
@Controller('v2.0/routers')
export class RouterInterfacesRestController {
  constructor(@Inject(RoutersService) private readonly routers: RoutersService) {}

  @Put(':id/add_router_interface')
  add(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return this.routers.addInterface(caller, id, parseInput(interfaceBody, body ?? {}));
  }

  @Put(':id/remove_router_interface')
  remove(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return this.routers.removeInterface(caller, id, parseInput(interfaceBody, body ?? {}));
  }
}

/** /v2.0/routers */
@Module({
  imports: [NetworksModule, SubnetsModule, PortsModule],
  providers: [RoutersService],
  exports: [RoutersService],
  controllers: [
    RouterInterfacesRestController,
    crudController({ collection: 'routers', member: 'router', service: RoutersService, create: createRouterBody, update: updateRouterBody }),
  ],
})
export class RoutersModule {}
