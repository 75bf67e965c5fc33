import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module.js';
import { AvailabilityZonesRestController } from './availability-zones.rest-controller.js';

@Module({
  imports: [ServicesModule],
  controllers: [AvailabilityZonesRestController],
})
export class AvailabilityZonesModule {}
