import { randomUUID } from 'node:crypto';
import { isoSeconds } from './time.js';
import { ownerAttrs } from './caller.js';

interface Standard {
  id: string;
  projectId: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

/** A new resource's standard attributes. */
export function newStandard(projectId: string, description = ''): Standard {
  const now = Date.now();
  return { id: randomUUID(), projectId, description, createdAt: now, updatedAt: now, revision: 0 };
}

/** Bump updated_at and revision_number after a change. */
export function touch(r: { updatedAt: number; revision: number }): void {
  r.updatedAt = Date.now();
  r.revision += 1;
}

/** The attributes every resource view carries. */
export function standardView(r: Standard): {
  tenant_id: string;
  project_id: string;
  description: string;
  tags: string[];
  created_at: string;
  updated_at: string;
  revision_number: number;
} {
  return {
    ...ownerAttrs(r.projectId),
    description: r.description,
    tags: [],
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.updatedAt),
    revision_number: r.revision,
  };
}
