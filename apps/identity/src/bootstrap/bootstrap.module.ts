import { Module } from '@nestjs/common';
import { RevocationsModule } from '../revocations/revocations.module.js';
import { BootstrapService } from './bootstrap.service.js';
import { CatalogBootstrapService } from './catalog-bootstrap.service.js';

@Module({
  imports: [RevocationsModule],
  providers: [BootstrapService, CatalogBootstrapService],
  exports: [BootstrapService],
})
export class BootstrapModule {}
