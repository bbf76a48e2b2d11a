import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './dialog.module.css';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom (primary action last). */
  footer?: ReactNode;
  /** `side`: a full-height panel at the right edge (the whole width on a phone), for details beside a list. */
  placement?: 'center' | 'side';
}

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus inside, closes it on Escape and gives
 * focus back to the button that opened it.
 */
export function Dialog({ open, onClose, title, children, footer, placement = 'center' }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className={`${styles.dialog} ${placement === 'side' ? styles.side : ''}`} aria-labelledby={titleId} onClose={onClose}>
      {open && (
        <>
          <div className={styles.header}>
            <h2 id={titleId}>{title}</h2>
            <button type="button" className={styles.close} onClick={onClose} aria-label={t('common.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          <div className={styles.body}>{children}</div>
          {footer !== undefined && <div className={styles.footer}>{footer}</div>}
        </>
      )}
    </dialog>
  );
}
