import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, conflict, notFound } from '@tinystack/errors';
import { FlavorNotFound } from '../shared/compute.errors.js';
import { isAdmin, projectOf, requireAdmin, requireReader } from '../shared/policy.js';
import type { FlavorListParams } from './flavor-list.query.js';
import { FlavorEntity } from './flavor.entity.js';
import type { CreateFlavorBody } from './flavors.schemas.js';
import { FlavorsRepository } from './flavors.repository.js';

/** Flavors: listing by visibility, admin management, extra specs and project access. */
@Injectable()
export class FlavorsService {
  constructor(@Inject(FlavorsRepository) private readonly repo: FlavorsRepository) {}

  /**
   * Nova's rules: admins see public flavors by default, private ones with is_public=false
   * and all with is_public=None; everyone else sees public flavors and the private ones
   * shared with their project, whatever is_public says.
   */
  async list(caller: AuthContext, params: FlavorListParams): Promise<FlavorEntity[]> {
    requireReader(caller);
    const admin = isAdmin(caller);
    const marker = params.page.marker !== undefined ? await this.visible(caller, params.page.marker) : undefined;
    if (params.page.marker !== undefined && !marker) {
      throw badRequest(`marker [${params.page.marker}] not found`);
    }
    return this.repo.list({
      isPublic: admin ? (params.isPublic === 'all' ? undefined : params.isPublic === 'default' ? true : params.isPublic) : undefined,
      accessProject: admin ? undefined : projectOf(caller),
      minRam: params.minRam,
      minDisk: params.minDisk,
      sortKey: params.sortKey,
      sortDir: params.sortDir,
      limit: params.page.limit,
      marker: marker ?? undefined,
    });
  }

  async get(caller: AuthContext, id: string): Promise<FlavorEntity> {
    requireReader(caller);
    const flavor = await this.visible(caller, id);
    if (!flavor) {
      throw new FlavorNotFound(id);
    }
    return flavor;
  }

  /** The flavor may be seen by the caller: public, an admin, or shared with the caller's project. */
  private async visible(caller: AuthContext, id: string): Promise<FlavorEntity | undefined> {
    const flavor = await this.repo.find(id);
    if (!flavor) {
      return undefined;
    }
    if (flavor.isPublic || isAdmin(caller) || (await this.repo.hasAccess(id, projectOf(caller)))) {
      return flavor;
    }
    return undefined;
  }

  async create(caller: AuthContext, body: CreateFlavorBody['flavor']): Promise<FlavorEntity> {
    requireAdmin(caller, 'os_compute_api:os-flavor-manage:create');
    const flavor = Object.assign(new FlavorEntity(), {
      id: body.id ?? randomUUID(),
      name: body.name,
      vcpus: body.vcpus,
      memoryMb: body.ram,
      rootGb: body.disk,
      ephemeralGb: body['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
      swap: body.swap ?? 0,
      rxtxFactor: body.rxtx_factor ?? 1.0,
      isPublic: body['os-flavor-access:is_public'] ?? true,
      disabled: false,
      description: body.description ?? null,
      createdAt: Date.now(),
    });
    return this.repo.create(flavor);
  }

  async updateDescription(caller: AuthContext, id: string, description: string | null): Promise<FlavorEntity> {
    requireAdmin(caller, 'os_compute_api:os-flavor-manage:update');
    await this.get(caller, id);
    await this.repo.update(id, { description });
    return this.get(caller, id);
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller, 'os_compute_api:os-flavor-manage:delete');
    await this.get(caller, id);
    await this.repo.delete(id);
  }

  extraSpecsOf(flavorIds: string[]): Promise<Map<string, Record<string, string>>> {
    return this.repo.extraSpecsOf(flavorIds);
  }

  async extraSpecs(caller: AuthContext, id: string): Promise<Record<string, string>> {
    await this.get(caller, id);
    return this.repo.extraSpecs(id);
  }

  async extraSpec(caller: AuthContext, id: string, key: string): Promise<string> {
    const specs = await this.extraSpecs(caller, id);
    const value = specs[key];
    if (value === undefined) {
      throw notFound(`Flavor ${id} has no extra specs with key ${key}.`);
    }
    return value;
  }

  async setExtraSpecs(caller: AuthContext, id: string, specs: Record<string, string>): Promise<void> {
    requireAdmin(caller, 'os_compute_api:os-flavor-extra-specs:create');
    await this.get(caller, id);
    await this.repo.upsertSpecs(id, specs);
  }

  async deleteExtraSpec(caller: AuthContext, id: string, key: string): Promise<void> {
    requireAdmin(caller, 'os_compute_api:os-flavor-extra-specs:delete');
    await this.get(caller, id);
    if (!(await this.repo.deleteSpec(id, key))) {
      throw notFound(`Flavor ${id} has no extra specs with key ${key}.`);
    }
  }

  async accessList(caller: AuthContext, id: string): Promise<string[]> {
    requireAdmin(caller, 'os_compute_api:os-flavor-access');
    const flavor = await this.get(caller, id);
    if (flavor.isPublic) {
      throw notFound('Access list not available for public flavors.');
    }
    return this.repo.projectsWithAccess(id);
  }

  /** `refusePublic`: from 2.7, adding a project to a public flavor is a 409. */
  async addAccess(caller: AuthContext, id: string, projectId: string, refusePublic: boolean): Promise<string[]> {
    requireAdmin(caller, 'os_compute_api:os-flavor-access:add_tenant_access');
    const flavor = await this.get(caller, id);
    if (flavor.isPublic && refusePublic) {
      throw conflict('Can not add access to a public flavor.');
    }
    if (!(await this.repo.addAccess(id, projectId))) {
      throw conflict(`Flavor access already exists for flavor ${id} and project ${projectId} combination.`);
    }
    return this.repo.projectsWithAccess(id);
  }

  async removeAccess(caller: AuthContext, id: string, projectId: string): Promise<string[]> {
    requireAdmin(caller, 'os_compute_api:os-flavor-access:remove_tenant_access');
    await this.get(caller, id);
    if (!(await this.repo.removeAccess(id, projectId))) {
      throw notFound(`Flavor access not found for ${id} / ${projectId} combination.`);
    }
    return this.repo.projectsWithAccess(id);
  }

  /**
   * The flavor a server boots with (server create): unknown or unusable is a 400, as Nova
   * answers "Invalid flavorRef provided."
   */
  async forBoot(caller: AuthContext, flavorRef: string): Promise<{ flavor: FlavorEntity; extraSpecs: Record<string, string> }> {
    const flavor = await this.visible(caller, flavorRef);
    if (!flavor) {
      throw badRequest('Invalid flavorRef provided.');
    }
    if (flavor.disabled) {
      throw badRequest('Flavor is disabled.');
    }
    return { flavor, extraSpecs: await this.repo.extraSpecs(flavor.id) };
  }
}
