import { forwardRef } from 'react';
import type { ReactNode } from 'react';
import styles from './alert.module.css';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

/** Each tone has its own symbol as well as its colour, so the message never rests on colour alone. */
const icons: Record<AlertTone, string> = { info: 'ℹ', success: '✔', warning: '⚠', danger: '✖' };

interface AlertProps {
  tone: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  /** `alert` for news the user must hear now (errors after an action); `status` for quieter updates. */
  role?: 'alert' | 'status';
}

/** A message box; focusable so that a form can move focus to it after a failed action. */
export const Alert = forwardRef<HTMLDivElement, AlertProps>(function Alert({ tone, title, children, actions, role }, ref) {
  return (
    <div ref={ref} className={`${styles.alert} ${styles[tone]}`} role={role} tabIndex={-1}>
      <span className={styles.icon} aria-hidden="true">
        {icons[tone]}
      </span>
      <div className={styles.body}>
        {title !== undefined && <strong className={styles.title}>{title}</strong>}
        {children}
        {actions !== undefined && <div className={styles.actions}>{actions}</div>}
      </div>
    </div>
  );
});
