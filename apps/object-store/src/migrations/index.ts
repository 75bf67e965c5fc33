import { AccountEntity } from '../accounts/account.entity.js';
import { ContainerEntity } from '../containers/container.entity.js';
import { ObjectEntity } from '../objects/object.entity.js';
import { CreateObjectStore1764100000000 } from './1764100000000-create-object-store.js';

export const ENTITIES = [AccountEntity, ContainerEntity, ObjectEntity];
export const MIGRATIONS = [CreateObjectStore1764100000000];
