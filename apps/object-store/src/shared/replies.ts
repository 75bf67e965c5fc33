import type { SwiftReply } from './swift-reply.js';

export const ACCEPTED_BODY = '<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>';

export const created = (headers: Record<string, string | number> = {}): SwiftReply => ({ status: 201, headers, body: '' });
export const accepted = (headers: Record<string, string | number> = {}): SwiftReply => ({ status: 202, headers, body: ACCEPTED_BODY });
export const noContent = (headers: Record<string, string | number> = {}): SwiftReply => ({ status: 204, headers });
