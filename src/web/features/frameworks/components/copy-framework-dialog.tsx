import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { SelectField, TextAreaField } from '../../../components/ui/form-field.js';
import formStyles from '../../../components/ui/form.module.css';
import { ApiError } from '../../../lib/problem-details.js';
import { useCopyFramework } from '../api/copy-framework.js';

interface CopyFrameworkDialogProps {
  year: number;
  /** Years that have a framework to copy from (other than this one). */
  years: number[];
  frozen: boolean;
  open: boolean;
  onClose: () => void;
  onCopied: (version: number) => void;
}

/** "Copy from last year": replaces this cycle's framework with another year's (with a reason once frozen). */
export function CopyFrameworkDialog({ year, years, frozen, open, onClose, onCopied }: CopyFrameworkDialogProps) {
  const { t } = useTranslation();
  const copy = useCopyFramework(year);
  const alertRef = useRef<HTMLDivElement>(null);
  const [fromYear, setFromYear] = useState(String(years.includes(year - 1) ? year - 1 : (years[0] ?? '')));
  const [reason, setReason] = useState('');
  const problem = copy.error instanceof ApiError ? copy.error : null;
  const reasonError = problem?.fieldError('body.reason');
  const fromError = problem?.fieldError('body.fromYear');

  function close() {
    copy.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    copy.mutate(
      { fromYear: Number(fromYear), ...(reason.trim() === '' ? {} : { reason: reason.trim() }) },
      {
        onSuccess: (copied) => {
          close();
          onCopied(copied.version);
        },
        onError: () => requestAnimationFrame(() => alertRef.current?.focus()),
      },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('framework.copy.title', { year })}
      footer={
        <>
          <Button variant="tertiary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="copy-framework-form" disabled={copy.isPending || fromYear === ''}>
            {copy.isPending ? t('common.working') : t('framework.copy.submit')}
          </Button>
        </>
      }
    >
      <form id="copy-framework-form" className={formStyles.stack} onSubmit={submit} noValidate>
        {copy.isError && reasonError === undefined && fromError === undefined && (
          <Alert ref={alertRef} tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
            <p>{problem?.detail ?? t('errors.generic')}</p>
          </Alert>
        )}
        <Alert tone="warning">{t(frozen ? 'framework.copy.warningFrozen' : 'framework.copy.warning')}</Alert>
        <SelectField label={t('framework.copy.from')} value={fromYear} error={fromError} onChange={(e) => setFromYear(e.target.value)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {t('common.year', { year: y })}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('framework.copy.reason')}
          hint={t('framework.copy.reasonHint')}
          value={reason}
          rows={2}
          maxLength={2000}
          error={reasonError}
          onChange={(e) => setReason(e.target.value)}
        />
      </form>
    </Dialog>
  );
}
