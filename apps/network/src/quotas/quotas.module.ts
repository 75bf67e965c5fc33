import { Global, Module } from '@nestjs/common';
import { WriteLock } from '../shared/mutex.js';
import { PublicUrl } from '../shared/public-url.js';
import { QuotasRestController } from './quotas.rest-controller.js';
import { QuotasService } from './quotas.service.js';

/** Quotas, plus the process-wide write lock and public URL every resource module uses. */
@Global()
@Module({
  providers: [QuotasService, WriteLock, PublicUrl],
  exports: [QuotasService, WriteLock, PublicUrl],
  controllers: [QuotasRestController],
})
export class QuotasModule {}
