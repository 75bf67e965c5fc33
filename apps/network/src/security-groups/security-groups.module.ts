import { Module } from '@nestjs/common';
import { crudController } from '../shared/crud.controller.js';
import {
  createRuleBody,
  createSecurityGroupBody,
  updateRuleBody,
  updateSecurityGroupBody,
} from './security-groups.api.js';
import { SecurityGroupRulesService, SecurityGroupsService } from './security-groups.service.js';

/** /v2.0/security-groups and /v2.0/security-group-rules */
@Module({
  providers: [SecurityGroupsService, SecurityGroupRulesService],
  exports: [SecurityGroupsService],
  controllers: [
    crudController({
      collection: 'security_groups',
      path: 'security-groups',
      member: 'security_group',
      service: SecurityGroupsService,
      create: createSecurityGroupBody,
      update: updateSecurityGroupBody,
    }),
    crudController({
      collection: 'security_group_rules',
      path: 'security-group-rules',
      member: 'security_group_rule',
      service: SecurityGroupRulesService,
      create: createRuleBody,
      update: updateRuleBody,
    }),
  ],
})
export class SecurityGroupsModule {}
