import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { SelectField, TextField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Cycle } from '../../../types/index.js';
import { useCreateCycle } from '../api/create-cycle.js';
import formStyles from '../../../components/ui/form.module.css';

interface CreateCycleDialogProps {
  cycles: Cycle[];
  open: boolean;
  onClose: () => void;
  onCreated: (year: number) => void;
}

/** A new yearly cycle (a draft), its framework copied from an earlier year or the shipped one. */
export function CreateCycleDialog({ cycles, open, onClose, onCreated }: CreateCycleDialogProps) {
  const { t } = useTranslation();
  const create = useCreateCycle();
  const alertRef = useRef<HTMLDivElement>(null);
  const latest = cycles[0]?.year ?? new Date().getFullYear() - 1;
  const [year, setYear] = useState(String(latest + 1));
  const [title, setTitle] = useState('');
  const [copyFrom, setCopyFrom] = useState(String(latest));

  const problem = create.error instanceof ApiError ? create.error : null;
  const yearError = problem?.fieldError('body.year');
  const titleError = problem?.fieldError('body.title');
  const copyError = problem?.fieldError('body.copyFromYear');

  function close() {
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const y = Number(year);
    create.mutate(
      {
        year: y,
        ...(title.trim() === '' ? {} : { title: title.trim() }),
        copyFromYear: copyFrom === '' ? null : Number(copyFrom),
      },
      {
        onSuccess: () => {
          close();
          onCreated(y);
        },
        onError: () => requestAnimationFrame(() => alertRef.current?.focus()),
      },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('cycles.create.title')}
      footer={
        <>
          <Button variant="tertiary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="create-cycle-form" disabled={create.isPending}>
            {create.isPending ? t('common.working') : t('cycles.create.submit')}
          </Button>
        </>
      }
    >
      <form id="create-cycle-form" className={formStyles.stack} onSubmit={submit} noValidate>
        {create.isError && yearError === undefined && titleError === undefined && copyError === undefined && (
          <Alert ref={alertRef} tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
            <p>{problem?.detail ?? t('errors.generic')}</p>
          </Alert>
        )}
        <TextField
          label={t('cycles.create.year')}
          type="number"
          inputMode="numeric"
          min={2000}
          max={2100}
          required
          value={year}
          error={yearError}
          onChange={(event) => setYear(event.target.value)}
        />
        <TextField
          label={t('cycles.create.titleLabel')}
          hint={t('cycles.create.titleHint', { year })}
          value={title}
          maxLength={200}
          error={titleError}
          onChange={(event) => setTitle(event.target.value)}
        />
        <SelectField
          label={t('cycles.create.copyFrom')}
          hint={t('cycles.create.copyFromHint')}
          value={copyFrom}
          error={copyError}
          onChange={(event) => setCopyFrom(event.target.value)}
        >
          {cycles.map((c) => (
            <option key={c.year} value={c.year}>
              {t('cycles.create.copyOption', { year: c.year })}
            </option>
          ))}
          <option value="">{t('cycles.create.copyNone')}</option>
        </SelectField>
        <p className={formStyles.note}>{t('cycles.create.periodNote', { from: Number(year) - 1, to: year })}</p>
      </form>
    </Dialog>
  );
}
