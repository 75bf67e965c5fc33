'use client';

import { useActionState } from 'react';
import { Field } from '../../../../../../components/ui/field.tsx';
import { SubmitButton } from '../../../../../../components/ui/submit-button.tsx';
import { MEMBER_VISIBILITIES, VISIBILITIES } from '../../../../../../lib/shared/image-formats.ts';
import { editImage, type EditImageState } from '../actions.ts';

function FieldError({ id, errors }: { id: string; errors?: readonly string[] | undefined }) {
  return errors?.length ? (
    <p id={id} className="field-error">
      {errors.join(' ')}
    </p>
  ) : null;
}

/** Edit an image's name, visibility, protection and custom properties. */
export function ImageEditForm({
  image,
  isAdmin,
}: {
  image: {
    id: string;
    name: string;
    visibility: string;
    protected: boolean;
    properties: string;
    updatedAt: number;
  };
  isAdmin: boolean;
}) {
  const [state, action] = useActionState<EditImageState, FormData>(editImage, { status: 'idle' });
  const v = state.status === 'error' ? (state.values ?? {}) : {};
  const e = state.fieldErrors ?? {};
  // a public image stays selectable for its owner, who may not choose it otherwise
  const choices: readonly string[] = isAdmin
    ? VISIBILITIES
    : [...MEMBER_VISIBILITIES, ...(image.visibility === 'public' ? ['public'] : [])];
  const invalid = (f: keyof typeof e) => (e[f]?.length ? true : undefined);
  const described = (f: keyof typeof e, hint?: string) =>
    [hint, e[f]?.length ? `img-${f}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <form action={action} aria-label="Edit the image" key={`${image.id}@${image.updatedAt}`}>
      <input type="hidden" name="id" value={image.id} />
      <div className="form-grid">
        <Field
          id="img-name"
          name="name"
          label="Name"
          defaultValue={v.name ?? image.name}
          errors={e.name}
          required
        />
        <div className="field">
          <label htmlFor="img-visibility">Visibility</label>
          <select
            id="img-visibility"
            name="visibility"
            defaultValue={v.visibility ?? image.visibility}
            aria-invalid={invalid('visibility')}
            aria-describedby={described('visibility')}
          >
            {choices.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <FieldError id="img-visibility-error" errors={e.visibility} />
        </div>
      </div>
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="protected"
            defaultChecked={v.name !== undefined ? v.protected === 'on' : image.protected}
            aria-invalid={invalid('protected')}
            aria-describedby={described('protected')}
          />{' '}
          Protected (cannot be deleted while set)
        </label>
        <FieldError id="img-protected-error" errors={e.protected} />
      </div>
      <div className="field">
        <label htmlFor="img-properties">Properties</label>
        <span id="img-properties-hint" className="field-hint">
          One key=value per line, for example os_distro=debian. Remove a line to remove the
          property.
        </span>
        <textarea
          id="img-properties"
          name="properties"
          rows={Math.min(12, Math.max(3, image.properties.split('\n').length + 1))}
          defaultValue={v.properties ?? image.properties}
          aria-invalid={invalid('properties')}
          aria-describedby={described('properties', 'img-properties-hint')}
          spellCheck={false}
        />
        <FieldError id="img-properties-error" errors={e.properties} />
      </div>
      <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
      {state.message ? (
        <p
          className={state.status === 'ok' ? 'note note-ok' : 'note note-error'}
          role={state.status === 'ok' ? 'status' : 'alert'}
        >
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
