import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, imageFk } from './columns.js';

const TABLES: Table[] = [
  new Table({
    name: 'images',
    columns: [
      col.key('id', 36),
      col.str('name', 255, true),
      col.str('owner', 255, true),
      col.str('status', 30),
      col.str('visibility', 20),
      col.str('disk_format', 20, true),
      col.str('container_format', 20, true),
      col.big('size', true),
      col.big('virtual_size', true),
      col.str('checksum', 32, true),
      col.str('os_hash_algo', 64, true),
      col.str('os_hash_value', 128, true),
      col.int('min_disk'),
      col.int('min_ram'),
      col.bool('protected'),
      col.bool('os_hidden'),
      col.str('data_key', 255, true),
      col.big('created_at'),
      col.big('updated_at'),
    ],
    indices: [
      { name: 'ix_images_owner', columnNames: ['owner'] },
      { name: 'ix_images_visibility', columnNames: ['visibility'] },
      { name: 'ix_images_created_at', columnNames: ['created_at'] },
    ],
  }),
  new Table({
    name: 'image_properties',
    columns: [col.key('image_id', 36), col.key('name', 255), col.text('value')],
    foreignKeys: [imageFk('fk_image_properties_image')],
  }),
  new Table({
    name: 'image_tags',
    columns: [col.key('image_id', 36), col.key('value', 255)],
    indices: [{ name: 'ix_image_tags_value', columnNames: ['value'] }],
    foreignKeys: [imageFk('fk_image_tags_image')],
  }),
  new Table({
    name: 'image_members',
    columns: [col.key('image_id', 36), col.key('member', 255), col.str('status', 20), col.big('created_at'), col.big('updated_at')],
    indices: [{ name: 'ix_image_members_member', columnNames: ['member'] }],
    foreignKeys: [imageFk('fk_image_members_image')],
  }),
  new Table({
    name: 'image_staging',
    columns: [
      col.key('image_id', 36),
      col.str('data_key', 255),
      col.big('size'),
      col.str('checksum', 32),
      col.str('os_hash_value', 128),
      col.big('virtual_size', true),
      col.big('created_at'),
    ],
    foreignKeys: [imageFk('fk_image_staging_image')],
  }),
];

/** The image service's tables: images, their properties, tags, members and staged data. */
export class CreateImages1733900000000 implements MigrationInterface {
  name = 'CreateImages1733900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.createTable(table, false, true, true);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await q.dropTable(table.name);
    }
  }
}
