import { ComputeNodeEntity } from './agents/compute-node.entity.js';
import { FlavorExtraSpecEntity } from './flavors/flavor-extra-spec.entity.js';
import { FlavorProjectEntity } from './flavors/flavor-project.entity.js';
import { FlavorEntity } from './flavors/flavor.entity.js';
import { InstanceActionEventEntity } from './instance-actions/instance-action-event.entity.js';
import { InstanceActionEntity } from './instance-actions/instance-action.entity.js';
import { KeypairEntity } from './keypairs/keypair.entity.js';
import { QuotaEntity } from './quotas/quota.entity.js';
import { ServerMetadataEntity } from './server-metadata/server-metadata.entity.js';
import { ServerTagEntity } from './servers/server-tag.entity.js';
import { ServerEntity } from './servers/server.entity.js';
import { ServiceEntity } from './services/service.entity.js';

/** Every entity of the compute service's database. */
export const COMPUTE_ENTITIES = [
  FlavorEntity,
  FlavorExtraSpecEntity,
  FlavorProjectEntity,
  KeypairEntity,
  QuotaEntity,
  ServerEntity,
  ServerMetadataEntity,
  ServerTagEntity,
  InstanceActionEntity,
  InstanceActionEventEntity,
  ServiceEntity,
  ComputeNodeEntity,
];
