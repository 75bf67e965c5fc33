import { Module } from '@nestjs/common';
import { SloService } from './slo.service.js';

@Module({ providers: [SloService], exports: [SloService] })
export class LargeObjectsModule {}
