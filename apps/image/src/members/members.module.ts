import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module.js';
import { MembersRepository } from './members.repository.js';
import { MembersRestController } from './members.rest-controller.js';
import { MembersService } from './members.service.js';

@Module({
  imports: [ImagesModule],
  controllers: [MembersRestController],
  providers: [MembersRepository, MembersService],
  exports: [MembersService],
})
export class MembersModule {}
