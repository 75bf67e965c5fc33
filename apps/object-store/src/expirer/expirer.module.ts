import { Module } from '@nestjs/common';
import { ExpirerService } from './expirer.service.js';

@Module({ providers: [ExpirerService], exports: [ExpirerService] })
export class ExpirerModule {}
