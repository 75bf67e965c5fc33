import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { msColumn } from '../shared/column.js';

/** One user-visible action on a server (os-instance-actions). */
@Entity({ name: 'instance_actions' })
@Index('ix_instance_actions_server', ['serverId', 'startTime'])
@Index('ix_instance_actions_request', ['serverId', 'requestId'])
export class InstanceActionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'server_id', type: 'varchar', length: 36 })
  serverId!: string;

  @Column({ type: 'varchar', length: 255 })
  action!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 255 })
  requestId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column(msColumn('start_time'))
  startTime!: number;

  @Column(msColumn('finish_time', true))
  finishTime!: number | null;

  /** 'Error' when the action failed. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  message!: string | null;

  @Column(msColumn('updated_at'))
  updatedAt!: number;
}
