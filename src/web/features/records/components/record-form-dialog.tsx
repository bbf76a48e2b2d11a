import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextField } from '../../../components/ui/form-field.js';
import { localized } from '../../../lib/localized.js';
import { focusFirstProblem } from '../../../lib/focus-problem.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ActivityRecord, RecordType } from '../../../types/index.js';
import { useCreateRecord } from '../api/create-record.js';
import { useUpdateRecord } from '../api/update-record.js';
import { RecordFieldInput } from './record-field-input.js';
import { emptyForm, formOf, inputOf, OCCURRED_ON, type FormValues } from './record-values.js';
import styles from './records.module.css';

interface RecordFormDialogProps {
  code: string;
  type: RecordType;
  /** The record to change; null to add one. */
  record: ActivityRecord | null;
  open: boolean;
  onClose: () => void;
  /** After a save: the indicator previews computed from records are stale. */
  onChanged?: () => void;
}

function isRecord(value: unknown): value is ActivityRecord {
  return typeof value === 'object' && value !== null && 'id' in value && 'version' in value && 'data' in value;
}

/**
 * Adds or changes one activity record with a form generated from its type's field definitions. The server's
 * message for each field appears at that field; a 409 (someone else saved first) offers to load the current record.
 */
export function RecordFormDialog({ code, type, record, open, onClose, onChanged }: RecordFormDialogProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<FormValues>(() => (record === null ? emptyForm(type) : formOf(type, record)));
  const [version, setVersion] = useState(record?.version ?? 0);
  const create = useCreateRecord(code, onChanged);
  const update = useUpdateRecord(code, onChanged);
  const mutation = record === null ? create : update;
  const alertRef = useRef<HTMLDivElement>(null);
  const formId = `record-form-${record?.id ?? 'new'}`;

  useEffect(() => {
    if (!open) return;
    setValues(record === null ? emptyForm(type) : formOf(type, record));
    setVersion(record?.version ?? 0);
    create.reset();
    update.reset();
    // Reset only when the dialog opens (for another record); not on every render of the mutations.
  }, [open, record?.id, type.code]);

  const problem = mutation.error instanceof ApiError ? mutation.error : null;
  const stale = problem?.code === 'stale_version';
  const current = stale && isRecord(problem.extensions.current) ? problem.extensions.current : null;
  const fieldErrors = problem !== null && !stale && problem.errors.length > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = inputOf(type, values);
    const options = {
      onSuccess: onClose,
      onError: () => focusFirstProblem(formId, alertRef),
    };
    if (record === null) create.mutate({ recordType: type.code, input }, options);
    else update.mutate({ id: record.id, version, input }, options);
  }

  function loadCurrent() {
    if (current === null) return;
    setValues(formOf(type, current));
    setVersion(current.version);
    update.reset();
  }

  const typeName = localized(type.name, i18n.language);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={record === null ? t('records.form.addTitle', { type: typeName }) : t('records.form.editTitle', { type: typeName })}
      footer={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} disabled={mutation.isPending}>
            {mutation.isPending ? t('common.working') : t('records.form.save')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        {mutation.isError && (
          <Alert
            ref={alertRef}
            tone={stale ? 'warning' : 'danger'}
            role="alert"
            title={stale ? t('records.form.staleTitle') : (problem?.title ?? t('errors.heading'))}
            actions={
              stale && current !== null ? (
                <Button variant="secondary" size="small" onClick={loadCurrent}>
                  {t('records.form.loadCurrent')}
                </Button>
              ) : undefined
            }
          >
            <p>{stale ? t('records.form.staleText') : fieldErrors ? t('records.form.fixFields') : (problem?.detail ?? t('errors.generic'))}</p>
          </Alert>
        )}
        <p className={styles.requiredNote}>{t('records.form.requiredNote')}</p>
        <div className={styles.formGrid}>
          {type.dateField === OCCURRED_ON && (
            <TextField
              label={
                <>
                  {t('records.occurredOn')}
                  <span aria-hidden="true"> *</span>
                  <span className="visually-hidden"> ({t('records.form.required')})</span>
                </>
              }
              type="date"
              required
              value={typeof values[OCCURRED_ON] === 'string' ? values[OCCURRED_ON] : ''}
              error={problem?.fieldError('occurredOn') ?? problem?.fieldError('body.occurredOn')}
              onChange={(e) => setValues((v) => ({ ...v, [OCCURRED_ON]: e.target.value }))}
            />
          )}
          {type.fields.map((field) => (
            <div key={field.key} className={field.type === 'longtext' ? styles.wide : undefined}>
              <RecordFieldInput
                field={field}
                value={values[field.key] ?? ''}
                error={problem?.fieldError(`data.${field.key}`) ?? problem?.fieldError(`body.data.${field.key}`)}
                onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
              />
            </div>
          ))}
        </div>
      </form>
    </Dialog>
  );
}
