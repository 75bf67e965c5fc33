import { Module } from '@nestjs/common';
import { BulkModule } from '../bulk/bulk.module.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';

@Module({ imports: [BulkModule], controllers: [AccountsController], providers: [AccountsService] })
export class AccountsModule {}
