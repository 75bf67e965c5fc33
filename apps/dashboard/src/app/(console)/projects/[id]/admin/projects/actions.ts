'use server';

import {
  createProject,
  deleteProject,
  updateProject,
} from '../../../../../../lib/cloud/identity-admin.ts';
import { deleteById, identityMutation } from '../../../../../../lib/cloud/identity-action.ts';
import type { FormState } from '../../../../../../lib/shared/form-state.ts';
import {
  EditProjectSchema,
  NewProjectSchema,
} from '../../../../../../lib/shared/identity.schemas.ts';

export async function addProject(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['name', 'description', 'enabled'],
    schema: NewProjectSchema,
    conflictField: 'name',
    run: async (s, p) => {
      await createProject(s, p);
      return `Project ${p.name} created. Give someone a role on it under Role assignments.`;
    },
  });
}

export async function editProject(_prev: FormState, form: FormData): Promise<FormState> {
  return identityMutation({
    who: 'admin',
    form,
    fields: ['id', 'description', 'enabled'],
    schema: EditProjectSchema,
    run: async (s, p) => {
      await updateProject(s, p.id, p);
      return p.enabled ? 'Project saved.' : 'Project saved. It is disabled: nobody can use it.';
    },
  });
}

export async function removeProject(_prev: FormState, form: FormData): Promise<FormState> {
  return deleteById('admin', form, deleteProject, 'Project deleted.');
}
