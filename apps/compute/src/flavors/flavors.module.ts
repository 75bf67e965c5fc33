import { Module } from '@nestjs/common';
import { FlavorExtraSpecsRestController } from './flavor-extra-specs.rest-controller.js';
import { FlavorsRepository } from './flavors.repository.js';
import { FlavorsRestController } from './flavors.rest-controller.js';
import { FlavorsService } from './flavors.service.js';

@Module({
  controllers: [FlavorsRestController, FlavorExtraSpecsRestController],
  providers: [FlavorsRepository, FlavorsService],
  exports: [FlavorsService],
})
export class FlavorsModule {}
