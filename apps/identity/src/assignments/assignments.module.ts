import { Module } from '@nestjs/common';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';
import { RoleAssignmentPresenter } from './role-assignment.presenter.js';
import { RoleAssignmentsQuery } from './role-assignments.query.js';

@Module({
  controllers: [AssignmentsController],
  providers: [AssignmentsService, RoleAssignmentsQuery, RoleAssignmentPresenter],
  exports: [AssignmentsService, RoleAssignmentsQuery, RoleAssignmentPresenter],
})
export class AssignmentsModule {}
