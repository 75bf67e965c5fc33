import { Module } from '@nestjs/common';
import { LimitsRestController } from '../limits/limits.rest-controller.js';
import { QuotaSetsRestController } from './quota-sets.rest-controller.js';
import { QuotasRepository } from './quotas.repository.js';
import { QuotasService } from './quotas.service.js';

@Module({
  controllers: [QuotaSetsRestController, LimitsRestController],
  providers: [QuotasRepository, QuotasService],
  exports: [QuotasService],
})
export class QuotasModule {}
