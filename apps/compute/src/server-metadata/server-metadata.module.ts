import { Module } from '@nestjs/common';
import { QuotasModule } from '../quotas/quotas.module.js';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { ServerMetadataRestController } from './server-metadata.rest-controller.js';
import { ServerMetadataService } from './server-metadata.service.js';

@Module({
  imports: [ServersDataModule, QuotasModule],
  controllers: [ServerMetadataRestController],
  providers: [ServerMetadataService],
})
export class ServerMetadataModule {}
