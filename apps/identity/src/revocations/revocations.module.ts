import { Module } from '@nestjs/common';
import { RevocationsService } from './revocations.service.js';

@Module({ providers: [RevocationsService], exports: [RevocationsService] })
export class RevocationsModule {}
