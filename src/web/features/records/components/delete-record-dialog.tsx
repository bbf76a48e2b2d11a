import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ActivityRecord } from '../../../types/index.js';
import { useDeleteRecord } from '../api/delete-record.js';

/** Confirms deleting a record (the audit trail keeps it); a stale version asks to reload first. */
export function DeleteRecordDialog({
  code,
  record,
  onClose,
  onChanged,
}: {
  code: string;
  /** The record to delete; null while the dialog is closed. */
  record: ActivityRecord | null;
  onClose: () => void;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteRecord(code, onChanged);
  const close = () => {
    remove.reset();
    onClose();
  };
  const problem = remove.error instanceof ApiError ? remove.error : null;
  const stale = problem?.code === 'stale_version';
  return (
    <Dialog
      open={record !== null}
      onClose={close}
      title={t('records.deleteTitle')}
      footer={
        <>
          <Button variant="tertiary" onClick={close}>
            {t('common.cancel')}
          </Button>
          {!stale && record !== null && (
            <Button disabled={remove.isPending} onClick={() => remove.mutate({ id: record.id, version: record.version }, { onSuccess: close })}>
              {remove.isPending ? t('common.working') : t('records.delete')}
            </Button>
          )}
        </>
      }
    >
      {remove.isError && (
        <Alert tone={stale ? 'warning' : 'danger'} role="alert" title={stale ? t('records.form.staleTitle') : (problem?.title ?? t('errors.heading'))}>
          <p>{stale ? t('records.deleteStale') : (problem?.detail ?? t('errors.generic'))}</p>
        </Alert>
      )}
      <p>{t('records.deleteText', { date: record?.occurredOn ?? '' })}</p>
    </Dialog>
  );
}
