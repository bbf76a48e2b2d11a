import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextAreaField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';

interface ReturnReasonDialogProps {
  open: boolean;
  title: string;
  intro: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}

/** Asks for the reason an item goes back (the officer reads it with the item). */
export function ReturnReasonDialog({ open, title, intro, pending, error, onClose, onSubmit }: ReturnReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const problem = error instanceof ApiError ? error : null;
  const formId = 'return-reason-form';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    onSubmit(reason.trim());
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      footer={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? t('common.working') : t('submissions.return.confirm')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        {problem !== null && problem.fieldError('body.reason') === undefined && (
          <Alert tone="danger" role="alert" title={problem.title}>
            <p>{problem.detail}</p>
          </Alert>
        )}
        <p>{intro}</p>
        <TextAreaField
          label={t('submissions.return.reason')}
          value={reason}
          required
          maxLength={2000}
          error={missing ? t('submissions.return.reasonRequired') : problem?.fieldError('body.reason')}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing(false);
          }}
        />
      </form>
    </Dialog>
  );
}
