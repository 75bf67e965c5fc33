import { Module } from '@nestjs/common';
import { QuotasModule } from '../quotas/quotas.module.js';
import { KeypairsRepository } from './keypairs.repository.js';
import { KeypairsRestController } from './keypairs.rest-controller.js';
import { KeypairsService } from './keypairs.service.js';

@Module({
  imports: [QuotasModule],
  controllers: [KeypairsRestController],
  providers: [KeypairsRepository, KeypairsService],
  exports: [KeypairsService],
})
export class KeypairsModule {}
