'use client';

import { useState } from 'react';
import { UploadForm } from '../../../../../components/ui/upload-form.tsx';
import {
  CONTAINER_FORMATS,
  DISK_FORMATS,
  guessDiskFormat,
  MEMBER_VISIBILITIES,
  VISIBILITIES,
} from '../../../../../lib/shared/image-formats.ts';

/** Upload a local image file: its name, formats and visibility, then the bytes. */
export function ImageUpload({ isAdmin }: { isAdmin: boolean }) {
  const [disk, setDisk] = useState<string>('qcow2');
  const [name, setName] = useState('');
  return (
    <UploadForm
      fileLabel="Image file"
      submitLabel="Upload image"
      doneMessage={(f) => `${name || f.name} uploaded; the image is active.`}
      onFileChange={(f) => setDisk(guessDiskFormat(f.name))}
      target={(file, fields) => {
        // the route handler validates these (zod) and answers with the field's problem
        const text = (key: string) => {
          const v = fields.get(key);
          return typeof v === 'string' ? v : '';
        };
        const q = new URLSearchParams({
          name: text('name') || file.name.replace(/\.[^.]+$/, ''),
          diskFormat: text('diskFormat'),
          containerFormat: text('containerFormat'),
          visibility: text('visibility'),
          minDisk: text('minDisk') || '0',
          minRam: text('minRam') || '0',
        });
        return `/api/images/upload?${q.toString()}`;
      }}
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor="image-name">Name</label>
          <span id="image-name-hint" className="field-hint">
            Leave empty to use the file name.
          </span>
          <input
            id="image-name"
            name="name"
            aria-describedby="image-name-hint"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="image-disk-format">Disk format</label>
          <select
            id="image-disk-format"
            name="diskFormat"
            value={disk}
            onChange={(e) => setDisk(e.target.value)}
          >
            {DISK_FORMATS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="image-container-format">Container format</label>
          <select id="image-container-format" name="containerFormat" defaultValue="bare">
            {CONTAINER_FORMATS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="image-visibility">Visibility</label>
          <select id="image-visibility" name="visibility" defaultValue="private">
            {(isAdmin ? VISIBILITIES : MEMBER_VISIBILITIES).map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="image-min-disk">Minimum disk (GiB)</label>
          <input
            id="image-min-disk"
            name="minDisk"
            type="number"
            min={0}
            defaultValue={0}
            inputMode="numeric"
          />
        </div>
        <div className="field">
          <label htmlFor="image-min-ram">Minimum RAM (MiB)</label>
          <input
            id="image-min-ram"
            name="minRam"
            type="number"
            min={0}
            defaultValue={0}
            inputMode="numeric"
          />
        </div>
      </div>
    </UploadForm>
  );
}
