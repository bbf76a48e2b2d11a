import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../../lib/file-size.js';
import { ApiError } from '../../lib/problem-details.js';
import type { UploadProgress } from '../../lib/upload.js';
import { Button } from './button.js';
import { ProgressBar } from './progress-bar.js';
import styles from './file-upload.module.css';
import formStyles from './form.module.css';

export type UploadFn = (file: File, onProgress: (progress: UploadProgress) => void, signal: AbortSignal) => Promise<unknown>;

interface FileUploadProps {
  label: string;
  hint?: string;
  /** The `accept` attribute (a hint to the file chooser; the server decides by content). */
  accept?: string;
  buttonLabel?: string;
  disabled?: boolean;
  upload: UploadFn;
  /**
   * A failure the caller shows itself (e.g. an import's error table); return true to keep it out of this field's
   * own message.
   */
  onError?: (error: unknown) => boolean;
}

/**
 * Choose a file, then upload it with a progress bar and a cancel button. The server's message for a refused file
 * (wrong type, too large…) appears at the field; the chooser is cleared after a successful upload.
 */
export function FileUpload({ label, hint, accept, buttonLabel, disabled = false, upload, onError }: FileUploadProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (file === null) {
      setError(t('upload.chooseFirst'));
      inputRef.current?.focus();
      return;
    }
    const controller = new AbortController();
    abortRef.current = controller;
    setBusy(true);
    setError(null);
    setDone(null);
    setProgress({ loaded: 0, total: file.size, fraction: 0 });
    try {
      await upload(file, setProgress, controller.signal);
      setDone(t('upload.done', { name: file.name }));
      setFile(null);
      if (inputRef.current !== null) inputRef.current.value = '';
    } catch (caught) {
      if (caught instanceof DOMException && caught.name === 'AbortError') setError(t('upload.cancelled'));
      else if (onError?.(caught) !== true) {
        const problem = caught instanceof ApiError ? caught : null;
        const detail = problem?.fieldError('file') ?? problem?.detail ?? problem?.title ?? t('errors.generic');
        setError(detail);
      }
      requestAnimationFrame(() => inputRef.current?.focus());
    } finally {
      setBusy(false);
      setProgress(null);
      abortRef.current = null;
    }
  }

  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <form className={styles.upload} onSubmit={(event) => void submit(event)} noValidate>
      <div className={formStyles.field}>
        <label className={formStyles.label} htmlFor={`${id}-file`}>
          {label}
        </label>
        <div className={styles.row}>
          {/* The native control stays focusable (and takes the file); the look and the words are ours, in the
              reader's language rather than the browser's. */}
          <input
            ref={inputRef}
            id={`${id}-file`}
            className={styles.input}
            type="file"
            accept={accept}
            disabled={disabled || busy}
            aria-invalid={error !== null}
            aria-describedby={[hint === undefined ? null : hintId, error === null ? null : errorId].filter((x) => x !== null).join(' ') || undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError(null);
              setDone(null);
            }}
          />
          <label htmlFor={`${id}-file`} className={`${styles.chooser} ${disabled || busy ? styles.chooserDisabled : ''}`}>
            <span className={styles.chooseButton}>{t('upload.choose')}</span>
            <span className={styles.fileName}>{file === null ? t('upload.noFile') : `${file.name} (${formatFileSize(file.size)})`}</span>
          </label>
          {busy ? (
            <Button variant="secondary" onClick={() => abortRef.current?.abort()}>
              {t('upload.cancel')}
            </Button>
          ) : (
            <Button type="submit" variant="secondary" disabled={disabled}>
              {buttonLabel ?? t('upload.submit')}
            </Button>
          )}
        </div>
        {hint !== undefined && (
          <p id={hintId} className={formStyles.hint}>
            {hint}
          </p>
        )}
        {error !== null && (
          <p id={errorId} className={formStyles.error} role="alert">
            {error}
          </p>
        )}
      </div>
      {progress !== null && file !== null && (
        <ProgressBar
          value={progress.fraction}
          label={t('upload.progress', { name: file.name })}
          detail={`${formatFileSize(progress.loaded)} / ${formatFileSize(progress.total)}`}
        />
      )}
      <p className={styles.done} role="status">
        {done}
      </p>
    </form>
  );
}
