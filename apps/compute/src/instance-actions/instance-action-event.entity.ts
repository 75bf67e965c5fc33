import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { msColumn } from '../shared/column.js';
import { InstanceActionEntity } from './instance-action.entity.js';

/** One step of an action (compute_stop_instance, conductor_schedule_and_build_instances...). */
@Entity({ name: 'instance_action_events' })
@Index('ix_instance_action_events_action', ['actionId'])
export class InstanceActionEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'action_id', type: 'integer' })
  actionId!: number;

  @Column({ type: 'varchar', length: 255 })
  event!: string;

  @Column(msColumn('start_time'))
  startTime!: number;

  @Column(msColumn('finish_time', true))
  finishTime!: number | null;

  /** 'Success' or 'Error'; null while running. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  result!: string | null;

  @Column({ type: 'text', nullable: true })
  traceback!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @ManyToOne(() => InstanceActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'fk_instance_action_events_action' })
  action?: InstanceActionEntity;
}
