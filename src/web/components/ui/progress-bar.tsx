import styles from './progress-bar.module.css';

interface ProgressBarProps {
  /** 0–1; null while the total is not known yet (an indeterminate bar). */
  value: number | null;
  label: string;
  /** Shown after the percentage, e.g. "1.2 MB / 3.4 MB". */
  detail?: string;
}

/** A labelled progress bar; screen readers hear the label and the percentage. */
export function ProgressBar({ value, label, detail }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className={styles.wrapper}>
      <div className={styles.text}>
        <span>{label}</span>
        <span className={styles.figure}>
          {percent === null ? '' : `${percent}%`}
          {detail !== undefined && <span className={styles.detail}> {detail}</span>}
        </span>
      </div>
      <div
        className={styles.track}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? undefined : `${percent}%`}
      >
        <div className={`${styles.bar} ${percent === null ? styles.indeterminate : ''}`} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
