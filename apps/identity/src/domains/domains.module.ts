import { Module } from '@nestjs/common';
import { RevocationsModule } from '../revocations/revocations.module.js';
import { DomainCascadeService } from './domain-cascade.service.js';
import { DomainsController } from './domains.controller.js';
import { DomainsService } from './domains.service.js';

@Module({
  imports: [RevocationsModule],
  controllers: [DomainsController],
  providers: [DomainsService, DomainCascadeService],
  exports: [DomainsService],
})
export class DomainsModule {}
