import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const INTERFACES = ['public', 'internal', 'admin'] as const;
export type EndpointInterface = (typeof INTERFACES)[number];

@Entity({ name: 'endpoints' })
@Index('ix_endpoints_service', ['serviceId'])
export class EndpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'service_id', type: 'varchar', length: 64 })
  serviceId!: string;

  @Column({ type: 'varchar', length: 8 })
  interface!: EndpointInterface;

  /** May contain Keystone substitutions: $(project_id)s, $(tenant_id)s, $(user_id)s. */
  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'region_id', type: 'varchar', length: 255, nullable: true })
  regionId!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'simple-json' })
  extra!: Record<string, unknown>;
}
