import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { msColumn } from '../shared/column.js';

/**
 * A compute service as os-services lists it: nova-compute for each agent, nova-scheduler
 * and nova-conductor for this process. The integer id is the id before 2.53, `uuid` after.
 */
@Entity({ name: 'services' })
@Index('uq_services_host_binary', ['host', 'binary'], { unique: true })
@Index('uq_services_uuid', ['uuid'], { unique: true })
export class ServiceEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ type: 'varchar', length: 64 })
  binary!: string;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  @Column({ type: 'boolean' })
  disabled!: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 255, nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'forced_down', type: 'boolean' })
  forcedDown!: boolean;

  /** Last heartbeat (agents) or start (this process). */
  @Column(msColumn('last_seen_up', true))
  lastSeenUp!: number | null;

  @Column(msColumn('created_at'))
  createdAt!: number;

  @Column(msColumn('updated_at'))
  updatedAt!: number;
}
