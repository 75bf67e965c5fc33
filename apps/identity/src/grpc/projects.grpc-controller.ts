import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import type { identityV1 } from '@tinystack/contracts';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { parseInput } from '@tinystack/http';
import { DomainsService } from '../domains/domains.service.js';
import { createProjectSchema, updateProjectSchema } from '../projects/projects.schemas.js';
import { ProjectsService } from '../projects/projects.service.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcMethods, type IdentityRpcs } from './identity-grpc-methods.js';
import { ifPresent, ifSet, nameFilter, protoDomain } from './proto-admin-mappers.js';
import { protoProject } from './proto-mappers.js';
import { RejectNulInterceptor } from './reject-nul.interceptor.js';

type Rpcs = 'listProjects' | 'createProject' | 'updateProject' | 'deleteProject' | 'listDomains';

/** Projects and domains over gRPC: thin calls into their services, with the REST policy and schemas. */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, RejectNulInterceptor)
@IdentityGrpcMethods(
  'listProjects',
  'createProject',
  'updateProject',
  'deleteProject',
  'listDomains',
)
export class ProjectsGrpcController implements IdentityRpcs<Rpcs> {
  constructor(
    @Inject(GrpcCallerService) private readonly callers: GrpcCallerService,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(DomainsService) private readonly domains: DomainsService,
  ) {}

  async listProjects(
    req: identityV1.ListProjectsRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListProjectsResponse> {
    const caller = await this.callers.require(meta);
    const filter = { name: nameFilter(req.name), ...ifSet('domainId', req.domainId) };
    return { projects: (await this.projects.list(caller, filter, {})).items.map(protoProject) };
  }

  async createProject(
    req: identityV1.CreateProjectRequest,
    meta?: Metadata,
  ): Promise<identityV1.CreateProjectResponse> {
    const caller = await this.callers.require(meta);
    const input = parseInput(createProjectSchema, {
      project: {
        name: req.name,
        ...ifSet('domain_id', req.domainId),
        ...ifSet('description', req.description),
        ...ifPresent('enabled', req.enabled),
      },
    }).project;
    return { project: protoProject(await this.projects.create(caller, input)) };
  }

  async updateProject(
    req: identityV1.UpdateProjectRequest,
    meta?: Metadata,
  ): Promise<identityV1.UpdateProjectResponse> {
    const caller = await this.callers.require(meta);
    const input = parseInput(updateProjectSchema, {
      project: {
        ...ifPresent('name', req.name),
        ...ifPresent('description', req.description),
        ...ifPresent('enabled', req.enabled),
      },
    }).project;
    return { project: protoProject(await this.projects.update(caller, req.id, input)) };
  }

  async deleteProject(
    req: identityV1.DeleteProjectRequest,
    meta?: Metadata,
  ): Promise<identityV1.DeleteProjectResponse> {
    await this.projects.delete(await this.callers.require(meta), req.id);
    return {};
  }

  async listDomains(
    _req: identityV1.ListDomainsRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListDomainsResponse> {
    const caller = await this.callers.require(meta);
    return { domains: (await this.domains.list(caller, { name: [] }, {})).items.map(protoDomain) };
  }
}
