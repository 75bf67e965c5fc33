import { MEMBER_STATUSES, type MemberStatus } from '../images/image.model.js';
import { InvalidImageInput } from '../images/images.errors.js';

const asObject = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidImageInput('Body expected in request.');
  }
  return body as Record<string, unknown>;
};

/** POST /v2/images/{id}/members: {"member": "<project id>"}. */
export function parseAddMember(body: unknown): string {
  const o = asObject(body);
  if (!('member' in o)) {
    throw new InvalidImageInput('Member to be added not specified');
  }
  const member = o['member'];
  if (typeof member !== 'string' || member.trim() === '' || member.length > 255) {
    throw new InvalidImageInput("Member can't be empty");
  }
  return member;
}

/** PUT /v2/images/{id}/members/{member}: {"status": "accepted" | "rejected" | "pending"}. */
export function parseMemberStatus(body: unknown): MemberStatus {
  const o = asObject(body);
  if (!('status' in o)) {
    throw new InvalidImageInput('Status not specified');
  }
  const status = o['status'];
  if (typeof status !== 'string' || !(MEMBER_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidImageInput('Status must be "pending", "accepted" or "rejected".');
  }
  return status as MemberStatus;
}
