'use client';

import { UploadForm } from '../../../../../../components/ui/upload-form.tsx';

/** Upload into the container, in the folder being browsed, under the file's own name. */
export function ObjectUpload({ container, prefix }: { container: string; prefix: string }) {
  return (
    <UploadForm
      fileLabel={prefix ? `File to upload into ${prefix}` : 'File to upload'}
      submitLabel="Upload"
      doneMessage={(f) => `${prefix}${f.name} uploaded.`}
      target={(file) => {
        const q = new URLSearchParams({ container, name: `${prefix}${file.name}` });
        return `/api/storage/upload?${q.toString()}`;
      }}
    />
  );
}
