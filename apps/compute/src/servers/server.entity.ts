import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../shared/column.js';

/**
 * A server (Nova's `instances`). The flavor is copied in at create time, so a deleted or
 * changed flavor never changes a server. Deleted servers keep their row (`deleted_at`)
 * for instance actions and are 404 everywhere else.
 */
@Entity({ name: 'servers' })
@Index('ix_servers_project_created', ['projectId', 'createdAt'])
@Index('ix_servers_host', ['host'])
@Index('ix_servers_deleted_at', ['deletedAt'])
@Index('ix_servers_created_at', ['createdAt'])
export class ServerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  /** '' when the server has no image. */
  @Column({ name: 'image_id', type: 'varchar', length: 36 })
  imageId!: string;

  @Column({ name: 'flavor_id', type: 'varchar', length: 255 })
  flavorId!: string;

  @Column({ name: 'flavor_name', type: 'varchar', length: 255 })
  flavorName!: string;

  @Column({ type: 'integer' })
  vcpus!: number;

  @Column({ name: 'memory_mb', type: 'integer' })
  memoryMb!: number;

  @Column({ name: 'root_gb', type: 'integer' })
  rootGb!: number;

  @Column({ name: 'ephemeral_gb', type: 'integer' })
  ephemeralGb!: number;

  @Column({ type: 'integer' })
  swap!: number;

  /** JSON object of the flavor's extra specs at create time. */
  @Column({ name: 'flavor_extra_specs', type: 'text' })
  flavorExtraSpecs!: string;

  @Column({ name: 'key_name', type: 'varchar', length: 255, nullable: true })
  keyName!: string | null;

  @Column({ name: 'key_data', type: 'text', nullable: true })
  keyData!: string | null;

  /** Base64, as given. */
  @Column({ name: 'user_data', type: 'text', nullable: true })
  userData!: string | null;

  @Column({ name: 'vm_state', type: 'varchar', length: 32 })
  vmState!: string;

  @Column({ name: 'task_state', type: 'varchar', length: 32, nullable: true })
  taskState!: string | null;

  @Column({ name: 'power_state', type: 'integer' })
  powerState!: number;

  /** The agent host running it; null until scheduled. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;

  /** The hypervisor hostname of that host. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  node!: string | null;

  @Column({ name: 'availability_zone', type: 'varchar', length: 255, nullable: true })
  availabilityZone!: string | null;

  /** 2.74: the host an admin asked for. */
  @Column({ name: 'requested_host', type: 'varchar', length: 255, nullable: true })
  requestedHost!: string | null;

  @Column({ name: 'requested_node', type: 'varchar', length: 255, nullable: true })
  requestedNode!: string | null;

  @Column({ name: 'reservation_id', type: 'varchar', length: 16 })
  reservationId!: string;

  @Column({ name: 'launch_index', type: 'integer' })
  launchIndex!: number;

  @Column({ type: 'varchar', length: 255 })
  hostname!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  locked!: boolean;

  /** 'admin' or 'owner'. */
  @Column({ name: 'locked_by', type: 'varchar', length: 16, nullable: true })
  lockedBy!: string | null;

  @Column({ name: 'locked_reason', type: 'text', nullable: true })
  lockedReason!: string | null;

  @Column({ name: 'access_ipv4', type: 'varchar', length: 64, nullable: true })
  accessIpv4!: string | null;

  @Column({ name: 'access_ipv6', type: 'varchar', length: 64, nullable: true })
  accessIpv6!: string | null;

  /** AUTO or MANUAL. */
  @Column({ name: 'disk_config', type: 'varchar', length: 16 })
  diskConfig!: string;

  /** 'auto' or 'none'. */
  @Column({ name: 'network_mode', type: 'varchar', length: 8 })
  networkMode!: string;

  /** JSON: Nova's `addresses` object, from the agent. */
  @Column({ type: 'text' })
  addresses!: string;

  @Column({ type: 'integer' })
  progress!: number;

  @Column({ name: 'fault_code', type: 'integer', nullable: true })
  faultCode!: number | null;

  @Column({ name: 'fault_message', type: 'text', nullable: true })
  faultMessage!: string | null;

  @Column({ name: 'fault_details', type: 'text', nullable: true })
  faultDetails!: string | null;

  @Column(msColumn('fault_created_at', true))
  faultCreatedAt!: number | null;

  @Column(msColumn('created_at'))
  createdAt!: number;

  @Column(msColumn('updated_at'))
  updatedAt!: number;

  @Column(msColumn('launched_at', true))
  launchedAt!: number | null;

  @Column(msColumn('terminated_at', true))
  terminatedAt!: number | null;

  @Column(msColumn('deleted_at', true))
  deletedAt!: number | null;
}
