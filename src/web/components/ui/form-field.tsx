import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import styles from './form.module.css';

interface FieldFrameProps {
  label: ReactNode;
  hint?: ReactNode;
  /** The server's (or the form's) message for this field; marks the control invalid. */
  error?: string;
  className?: string;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint === undefined ? null : hintId, error === undefined ? null : errorId].filter((x) => x !== null);
  return ids.length === 0 ? undefined : ids.join(' ');
}

function useFieldIds() {
  const id = useId();
  return { controlId: `${id}-control`, hintId: `${id}-hint`, errorId: `${id}-error` };
}

function Frame({
  label,
  hint,
  error,
  className,
  controlId,
  hintId,
  errorId,
  children,
}: FieldFrameProps & { controlId: string; hintId: string; errorId: string; children: ReactNode }) {
  return (
    <div className={`${styles.field} ${className ?? ''}`}>
      <label className={styles.label} htmlFor={controlId}>
        {label}
      </label>
      {children}
      {hint !== undefined && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled input with an optional hint and error message. */
export function TextField({ label, hint, error, className, ...input }: FieldFrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds();
  return (
    <Frame label={label} hint={hint} error={error} className={className} {...ids}>
      <input
        id={ids.controlId}
        className={styles.control}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
        {...input}
      />
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, className, ...input }: FieldFrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds();
  return (
    <Frame label={label} hint={hint} error={error} className={className} {...ids}>
      <textarea
        id={ids.controlId}
        className={styles.control}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
        {...input}
      />
    </Frame>
  );
}

export function SelectField({ label, hint, error, className, children, ...select }: FieldFrameProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds();
  return (
    <Frame label={label} hint={hint} error={error} className={className} {...ids}>
      <select
        id={ids.controlId}
        className={styles.control}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({ label, hint, error, className, ...input }: FieldFrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds();
  return (
    <div className={`${styles.field} ${className ?? ''}`}>
      <label className={styles.check} htmlFor={ids.controlId}>
        <input
          id={ids.controlId}
          type="checkbox"
          aria-invalid={error !== undefined}
          aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
          {...input}
        />
        <span>{label}</span>
      </label>
      {hint !== undefined && (
        <p id={ids.hintId} className={styles.hint}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={ids.errorId} className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
