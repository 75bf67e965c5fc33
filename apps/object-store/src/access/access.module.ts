import { Global, Module } from '@nestjs/common';
import { TempUrlService } from '../tempurl/tempurl.service.js';
import { AccessService } from './access.service.js';

/** Who may do what: owners, container ACLs and TempURLs (used by every feature module). */
@Global()
@Module({ providers: [AccessService, TempUrlService], exports: [AccessService, TempUrlService] })
export class AccessModule {}
