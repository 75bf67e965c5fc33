import { Module } from '@nestjs/common';
import { CatalogService } from './catalog.service.js';
import { EndpointsController } from './endpoints.controller.js';
import { EndpointsService } from './endpoints.service.js';
import { RegionsController } from './regions.controller.js';
import { RegionsService } from './regions.service.js';
import { ServicesController } from './services.controller.js';
import { ServicesService } from './services.service.js';

/** The service catalog: regions, services, endpoints, and the per-token catalog. */
@Module({
  controllers: [RegionsController, ServicesController, EndpointsController],
  providers: [CatalogService, RegionsService, ServicesService, EndpointsService],
  exports: [CatalogService],
})
export class CatalogModule {}
