'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatBytes } from '../../lib/shared/format.ts';
import styles from './upload-form.module.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; sent: number; total: number }
  | { kind: 'finishing'; total: number }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

export interface UploadFormProps {
  /** Builds the POST URL from the chosen file and the form's other fields. */
  readonly target: (file: File, fields: FormData) => string | { error: string };
  readonly fileLabel: string;
  readonly submitLabel: string;
  /** Extra fields rendered before the file input. */
  readonly children?: ReactNode;
  readonly doneMessage: (file: File) => string;
  /** Called when a file is chosen (e.g. to preselect its format). */
  readonly onFileChange?: (file: File) => void;
}

/**
 * Uploads one local file as the raw body of a POST to the dashboard, which streams it on
 * to the service. The progress bar is the browser's own count of bytes sent (XHR upload
 * progress): the dashboard reads the body only as fast as the service takes it, so the bar
 * moves with the real transfer and reaches 100 % when the last byte left the browser.
 */
export function UploadForm({
  target,
  fileLabel,
  submitLabel,
  children,
  doneMessage,
  onFileChange,
}: UploadFormProps) {
  const router = useRouter();
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const xhr = useRef<XMLHttpRequest | null>(null);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fields = new FormData(e.currentTarget);
    const file = fields.get('file');
    if (!(file instanceof File) || file.name === '') {
      setPhase({ kind: 'error', message: 'Choose a file to upload.' });
      return;
    }
    const url = target(file, fields);
    if (typeof url !== 'string') {
      setPhase({ kind: 'error', message: url.error });
      return;
    }
    const req = new XMLHttpRequest();
    xhr.current = req;
    req.open('POST', url);
    req.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    req.upload.onprogress = (p) =>
      setPhase({
        kind: 'sending',
        sent: p.loaded,
        total: p.lengthComputable ? p.total : file.size,
      });
    req.upload.onload = () => setPhase({ kind: 'finishing', total: file.size });
    req.onload = () => {
      if (req.status >= 200 && req.status < 300) {
        setPhase({ kind: 'done', message: doneMessage(file) });
        router.refresh();
      } else {
        let message = `The upload failed (HTTP ${req.status}).`;
        try {
          message = (JSON.parse(req.responseText) as { error?: string }).error ?? message;
        } catch {
          // not JSON: keep the status
        }
        setPhase({ kind: 'error', message });
      }
    };
    req.onerror = () =>
      setPhase({
        kind: 'error',
        message: 'The upload was interrupted: the connection to the dashboard failed.',
      });
    req.onabort = () => setPhase({ kind: 'error', message: 'The upload was cancelled.' });
    setPhase({ kind: 'sending', sent: 0, total: file.size });
    req.send(file);
  }

  const busy = phase.kind === 'sending' || phase.kind === 'finishing';
  const percent =
    phase.kind === 'sending'
      ? Math.floor((phase.sent / Math.max(1, phase.total)) * 100)
      : phase.kind === 'finishing' || phase.kind === 'done'
        ? 100
        : 0;
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-busy={busy}>
      {children}
      <div className="field">
        <label htmlFor={`${id}-file`}>{fileLabel}</label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          required
          disabled={busy}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f && onFileChange) {
              onFileChange(f);
            }
          }}
        />
      </div>
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Uploading…' : submitLabel}
        </button>
        {busy ? (
          <button type="button" className="btn" onClick={() => xhr.current?.abort()}>
            Cancel
          </button>
        ) : null}
      </div>
      {phase.kind !== 'idle' && phase.kind !== 'error' ? (
        <div className={styles.progress}>
          <label htmlFor={`${id}-progress`}>Upload progress</label>
          <progress
            id={`${id}-progress`}
            max={100}
            value={percent}
            aria-valuetext={`${percent} %`}
          />
          <span className={styles.figures} aria-live="polite">
            {phase.kind === 'sending'
              ? `${percent} % · ${formatBytes(phase.sent)} of ${formatBytes(phase.total)}`
              : phase.kind === 'finishing'
                ? `100 % · ${formatBytes(phase.total)} sent, storing…`
                : `100 % · ${phase.message}`}
          </span>
        </div>
      ) : null}
      {phase.kind === 'error' ? (
        <p className="note note-error" role="alert">
          {phase.message}
        </p>
      ) : null}
    </form>
  );
}
