import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The flavors devstack creates, plus t1.nano (128 MiB) for tiny test guests: added once,
 * on the first start; an admin may delete or replace them afterwards.
 */
export const DEFAULT_FLAVORS = [
  { id: '1', name: 'm1.tiny', vcpus: 1, ram: 512, disk: 1 },
  { id: '2', name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
  { id: '3', name: 'm1.medium', vcpus: 2, ram: 4096, disk: 40 },
  { id: '4', name: 'm1.large', vcpus: 4, ram: 8192, disk: 80 },
  { id: '5', name: 'm1.xlarge', vcpus: 8, ram: 16384, disk: 160 },
  { id: '6', name: 't1.nano', vcpus: 1, ram: 128, disk: 1 },
] as const;

export class SeedDefaultFlavors1764000000001 implements MigrationInterface {
  name = 'SeedDefaultFlavors1764000000001';

  async up(q: QueryRunner): Promise<void> {
    const now = Date.now();
    const pg = q.connection.options.type === 'postgres';
    const marks = Array.from({ length: 12 }, (_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
    for (const f of DEFAULT_FLAVORS) {
      await q.query(
        `INSERT INTO flavors (id, name, vcpus, memory_mb, root_gb, ephemeral_gb, swap, rxtx_factor, is_public, disabled, description, created_at) VALUES (${marks})`,
        [f.id, f.name, f.vcpus, f.ram, f.disk, 0, 0, 1.0, true, false, null, now],
      );
    }
  }

  down(): Promise<void> {
    return Promise.reject(new Error('forward-only migrations'));
  }
}
