import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ServerEntity } from './server.entity.js';

/** One tag of a server (2.26). */
@Entity({ name: 'server_tags' })
export class ServerTagEntity {
  @PrimaryColumn({ name: 'server_id', type: 'varchar', length: 36 })
  serverId!: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  tag!: string;

  @ManyToOne(() => ServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'fk_server_tags_server' })
  server?: ServerEntity;
}
