import { Module } from '@nestjs/common';
import { SchemasRestController } from './schemas.rest-controller.js';

@Module({ controllers: [SchemasRestController] })
export class SchemasModule {}
