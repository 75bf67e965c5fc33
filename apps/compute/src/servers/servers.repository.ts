import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, IsNull, type Repository, type UpdateQueryBuilder } from 'typeorm';
import { ServerMetadataEntity } from '../server-metadata/server-metadata.entity.js';
import { ServerTagEntity } from './server-tag.entity.js';
import { ServerEntity } from './server.entity.js';

/** The states an update expects the server in (Nova's expected_vm_state / expected_task_state). */
export interface Expect {
  readonly vmStates?: readonly string[];
  /** null stands for "no task". */
  readonly taskStates?: ReadonlyArray<string | null>;
  /** Only while the server is on this host. */
  readonly host?: string;
}

export type ServerChanges = Partial<Omit<ServerEntity, 'id' | 'createdAt'>>;

/** Usage of one host by live servers (the scheduler's accounting). */
export interface HostUsage {
  readonly host: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly diskGb: number;
  readonly instances: number;
}

/** Servers, their metadata and tags: the truth about servers. */
@Injectable()
export class ServersRepository {
  readonly servers: Repository<ServerEntity>;
  readonly metadata: Repository<ServerMetadataEntity>;
  readonly tags: Repository<ServerTagEntity>;

  constructor(@Inject(DataSource) readonly ds: DataSource) {
    this.servers = ds.getRepository(ServerEntity);
    this.metadata = ds.getRepository(ServerMetadataEntity);
    this.tags = ds.getRepository(ServerTagEntity);
  }

  /** Insert new servers with their metadata and tags, in one transaction. */
  async insert(servers: ServerEntity[], metadata: Record<string, string>, tags: readonly string[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.insert(ServerEntity, servers);
      const meta = servers.flatMap((s) => Object.entries(metadata).map(([key, value]) => ({ serverId: s.id, key, value })));
      if (meta.length > 0) {
        await m.insert(ServerMetadataEntity, meta);
      }
      const tagRows = servers.flatMap((s) => tags.map((tag) => ({ serverId: s.id, tag })));
      if (tagRows.length > 0) {
        await m.insert(ServerTagEntity, tagRows);
      }
    });
  }

  /** A server that is not deleted. */
  findLive(id: string): Promise<ServerEntity | null> {
    return this.servers.findOneBy({ id, deletedAt: IsNull() });
  }

  /** A server, deleted or not. */
  findAny(id: string): Promise<ServerEntity | null> {
    return this.servers.findOneBy({ id });
  }

  /**
   * Apply `changes` only when the server is live and in the expected states; false when it
   * was not (another request changed it first). updated_at is set.
   */
  async update(id: string, changes: ServerChanges, expect: Expect = {}): Promise<boolean> {
    const qb = this.servers
      .createQueryBuilder()
      .update(ServerEntity)
      .set({ updatedAt: Date.now(), ...changes })
      .where('id = :id', { id })
      .andWhere('deleted_at IS NULL');
    this.expecting(qb, expect);
    const res = await qb.execute();
    return (res.affected ?? 0) > 0;
  }

  private expecting(qb: UpdateQueryBuilder<ServerEntity>, expect: Expect): void {
    if (expect.vmStates) {
      qb.andWhere('vm_state IN (:...vm)', { vm: [...expect.vmStates] });
    }
    if (expect.taskStates) {
      const named = expect.taskStates.filter((t): t is string => t !== null);
      const allowNull = expect.taskStates.includes(null);
      qb.andWhere(
        new Brackets((b) => {
          if (allowNull) {
            b.where('task_state IS NULL');
          }
          if (named.length > 0) {
            b[allowNull ? 'orWhere' : 'where']('task_state IN (:...task)', { task: named });
          }
          if (!allowNull && named.length === 0) {
            b.where('1 = 0');
          }
        }),
      );
    }
    if (expect.host !== undefined) {
      qb.andWhere('host = :host', { host: expect.host });
    }
  }

  /** Live servers with a host, summed per host. */
  async usageByHost(): Promise<Map<string, HostUsage>> {
    const rows = await this.servers
      .createQueryBuilder('s')
      .select('s.host', 'host')
      .addSelect('COALESCE(SUM(s.vcpus), 0)', 'vcpus')
      .addSelect('COALESCE(SUM(s.memory_mb), 0)', 'memory')
      .addSelect('COALESCE(SUM(s.root_gb + s.ephemeral_gb), 0)', 'disk')
      .addSelect('COALESCE(SUM(s.swap), 0)', 'swap')
      .addSelect('COUNT(*)', 'instances')
      .where('s.host IS NOT NULL')
      .andWhere('s.deleted_at IS NULL')
      .groupBy('s.host')
      .getRawMany<{ host: string; vcpus: string; memory: string; disk: string; swap: string; instances: string }>();
    return new Map(
      rows.map((r) => [
        r.host,
        {
          host: r.host,
          vcpus: Number(r.vcpus),
          memoryMb: Number(r.memory),
          diskGb: Number(r.disk) + Math.ceil(Number(r.swap) / 1024),
          instances: Number(r.instances),
        },
      ]),
    );
  }

  /** Live servers on `host`. */
  onHost(host: string): Promise<ServerEntity[]> {
    return this.servers.findBy({ host, deletedAt: IsNull() });
  }

  /** Servers (live or deleted) with these ids. */
  byIds(ids: readonly string[]): Promise<ServerEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.servers.findBy({ id: In([...ids]) });
  }

  /** Live servers with a task or build in progress (recovery after a restart). */
  inFlight(): Promise<ServerEntity[]> {
    return this.servers
      .createQueryBuilder('s')
      .where('s.deleted_at IS NULL')
      .andWhere(new Brackets((b) => b.where('s.task_state IS NOT NULL').orWhere('s.vm_state = :building', { building: 'building' })))
      .getMany();
  }

  /** Metadata of many servers (raw rows: listings of 1,000 servers stay fast). */
  async metadataOf(ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>(ids.map((id) => [id, {}]));
    for (const part of chunks(ids, 900)) {
      const rows = await this.metadata
        .createQueryBuilder('m')
        .select(['m.server_id AS server_id', 'm.key AS key', 'm.value AS value'])
        .where('m.server_id IN (:...ids)', { ids: part })
        .orderBy('m.key', 'ASC')
        .getRawMany<{ server_id: string; key: string; value: string }>();
      for (const r of rows) {
        const m = out.get(r.server_id);
        if (m) {
          m[r.key] = r.value;
        }
      }
    }
    return out;
  }

  async tagsOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const part of chunks(ids, 900)) {
      const rows = await this.tags
        .createQueryBuilder('t')
        .select(['t.server_id AS server_id', 't.tag AS tag'])
        .where('t.server_id IN (:...ids)', { ids: part })
        .orderBy('t.tag', 'ASC')
        .getRawMany<{ server_id: string; tag: string }>();
      for (const r of rows) {
        out.get(r.server_id)?.push(r.tag);
      }
    }
    return out;
  }

  /**
   * Servers from raw rows of a query builder aliased `alias` (getRawMany skips TypeORM's entity
   * hydration, the main cost of a 1,000-server listing). bigint and boolean columns are
   * converted as the entity's transformers would.
   */
  fromRaw(rows: ReadonlyArray<Record<string, unknown>>, alias: string): ServerEntity[] {
    const columns = this.servers.metadata.columns.map((c) => ({
      property: c.propertyName,
      key: `${alias}_${c.databaseName}`,
      kind: c.type === 'bigint' ? 'number' : c.type === 'boolean' ? 'boolean' : c.type === 'integer' ? 'number' : 'other',
    }));
    return rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const v = row[c.key];
        out[c.property] = v === null || v === undefined ? null : c.kind === 'number' ? Number(v) : c.kind === 'boolean' ? v === true || v === 1 || v === '1' || v === 't' : v;
      }
      return out as unknown as ServerEntity;
    });
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
