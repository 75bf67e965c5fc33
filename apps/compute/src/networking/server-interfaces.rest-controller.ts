import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import { z } from 'zod';
import type { ServerPort } from './network.port.js';
import { ServerInterfacesService } from './server-interfaces.service.js';

const attachBody = z
  .object({
    interfaceAttachment: z
      .object({
        net_id: z.string().max(36).optional(),
        port_id: z.string().max(36).optional(),
        fixed_ips: z.array(z.object({ ip_address: z.ipv4() }).strict()).max(1).optional(),
        tag: z.string().max(60).optional(),
      })
      .strict(),
  })
  .strict();

/** Nova's interfaceAttachment view. */
function attachmentView(p: ServerPort) {
  return {
    port_state: 'ACTIVE',
    port_id: p.portId,
    net_id: p.networkId,
    mac_addr: p.macAddress,
    fixed_ips: p.addresses.map((a) => ({ subnet_id: a.subnetId ?? '', ip_address: a.ipAddress })),
  };
}

/** /v2.1/servers/{id}/os-interface */
@Controller('v2.1/servers/:id/os-interface')
export class ServerInterfacesRestController {
  constructor(@Inject(ServerInterfacesService) private readonly interfaces: ServerInterfacesService) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { interfaceAttachments: (await this.interfaces.list(caller, id)).map(attachmentView) };
  }

  @Get(':portId')
  async show(@Caller() caller: AuthContext, @Param('id') id: string, @Param('portId') portId: string) {
    return { interfaceAttachment: attachmentView(await this.interfaces.get(caller, id, portId)) };
  }

  @Post()
  @HttpCode(200)
  async attach(@Caller() caller: AuthContext, @Headers('x-auth-token') token: string, @Param('id') id: string, @Body() raw: unknown) {
    const body = parseInput(attachBody, raw).interfaceAttachment;
    const port = await this.interfaces.attach(caller, token, id, { netId: body.net_id, portId: body.port_id, fixedIp: body.fixed_ips?.[0]?.ip_address });
    return { interfaceAttachment: attachmentView(port) };
  }

  @Delete(':portId')
  @HttpCode(202)
  async detach(@Caller() caller: AuthContext, @Param('id') id: string, @Param('portId') portId: string): Promise<void> {
    await this.interfaces.detach(caller, id, portId);
  }
}
