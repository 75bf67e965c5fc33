import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { msColumn } from '../shared/column.js';

/**
 * One hypervisor host, as its agent registered and last reported it. The integer id is
 * the hypervisor id before 2.53, `uuid` after.
 */
@Entity({ name: 'compute_nodes' })
@Index('uq_compute_nodes_host', ['host'], { unique: true })
@Index('uq_compute_nodes_uuid', ['uuid'], { unique: true })
export class ComputeNodeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'service_id', type: 'integer' })
  serviceId!: number;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  @Column({ name: 'hypervisor_hostname', type: 'varchar', length: 255 })
  hypervisorHostname!: string;

  @Column({ name: 'hypervisor_type', type: 'varchar', length: 32 })
  hypervisorType!: string;

  @Column({ name: 'hypervisor_version', type: 'integer' })
  hypervisorVersion!: number;

  @Column({ name: 'host_ip', type: 'varchar', length: 64 })
  hostIp!: string;

  /** host:port where compute reaches the agent's gRPC server. */
  @Column({ name: 'grpc_url', type: 'varchar', length: 255 })
  grpcUrl!: string;

  @Column({ type: 'integer' })
  vcpus!: number;

  @Column({ name: 'memory_mb', type: 'integer' })
  memoryMb!: number;

  @Column({ name: 'local_gb', type: 'integer' })
  localGb!: number;

  /** Free disk the host itself reports (GiB). */
  @Column({ name: 'disk_available_least', type: 'integer' })
  diskAvailableLeast!: number;

  /** JSON object (2.28) describing the host CPU. */
  @Column({ name: 'cpu_info', type: 'text' })
  cpuInfo!: string;

  @Column(msColumn('created_at'))
  createdAt!: number;

  @Column(msColumn('updated_at'))
  updatedAt!: number;
}
