import { ImageStagingEntity } from './import/image-staging.entity.js';
import { ImagePropertyEntity } from './images/image-property.entity.js';
import { ImageEntity } from './images/image.entity.js';
import { ImageMemberEntity } from './members/image-member.entity.js';
import { ImageTagEntity } from './tags/image-tag.entity.js';

/** Every entity of the image service's database. */
export const IMAGE_ENTITIES = [ImageEntity, ImagePropertyEntity, ImageTagEntity, ImageMemberEntity, ImageStagingEntity];
