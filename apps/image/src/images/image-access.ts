import { hasRole, isAdmin, type AuthContext } from '@tinystack/auth';
import type { Viewer } from './image-list.query.js';
import type { ImageRecord } from './image.model.js';
import { ImageForbidden } from './images.errors.js';

/**
 * Glance's default policy for images, in one place so REST and gRPC enforce the same rules:
 * readers of the owning project, admins, and (for public and community images) everyone
 * may see an image; a shared image is also seen by its members; members of the owning
 * project and admins change it.
 */
export function viewerOf(c: AuthContext): Viewer {
  return { projectId: c.projectId, isAdmin: isAdmin(c) };
}

export function isOwner(c: AuthContext, image: Pick<ImageRecord, 'owner'>): boolean {
  return c.projectId !== undefined && image.owner === c.projectId;
}

/** Visible without looking at members (a shared image may still be visible to a member). */
export function isVisibleWithoutMembership(c: AuthContext, image: ImageRecord): boolean {
  return isAdmin(c) || image.visibility === 'public' || image.visibility === 'community' || isOwner(c, image);
}

/** Glance's modify_image / delete_image / upload_image / add_member: admin or a member of the owner project. */
export function canManage(c: AuthContext, image: Pick<ImageRecord, 'owner'>): boolean {
  return isAdmin(c) || (isOwner(c, image) && hasRole(c, 'member'));
}

/** Glance's add_image: creating needs the member role (readers only read). */
export function requireMember(c: AuthContext, action: string): void {
  if (!hasRole(c, 'member')) {
    throw new ImageForbidden(`You are not authorized to complete ${action} action.`);
  }
}
