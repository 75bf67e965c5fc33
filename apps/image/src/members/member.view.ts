import { isoTime } from '../images/image.view.js';
import type { ImageMemberEntity } from './image-member.entity.js';

/** A member as Glance shows it. */
export function toMemberView(m: ImageMemberEntity): Record<string, unknown> {
  return {
    created_at: isoTime(m.createdAt),
    updated_at: isoTime(m.updatedAt),
    image_id: m.imageId,
    member_id: m.member,
    schema: '/v2/schemas/member',
    status: m.status,
  };
}
