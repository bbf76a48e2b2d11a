import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { SelectField, TextField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';
import { cycleStages } from '../../../types/index.js';
import type { CycleDetail, CycleStage } from '../../../types/index.js';
import { useSetDeadline } from '../api/set-deadline.js';
import styles from './deadline-form.module.css';

/** `datetime-local` works in the browser's zone; deadlines are Seoul time, so the offset is written out. */
function seoulIso(local: string): string {
  return `${local}:00+09:00`;
}

/** Sets the deadline of a stage (Seoul time). Stages already passed are not offered. */
export function DeadlineForm({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation();
  const setDeadline = useSetDeadline(cycle.year);
  const remaining = cycleStages.slice(cycleStages.indexOf(cycle.status));
  const [stage, setStage] = useState<CycleStage>(remaining[0] ?? 'draft');
  const [dueAt, setDueAt] = useState('');
  const problem = setDeadline.error instanceof ApiError ? setDeadline.error : null;
  const dueError = problem?.fieldError('body.dueAt');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (dueAt === '') return;
    setDeadline.mutate({ stage, dueAt: seoulIso(dueAt) });
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <SelectField label={t('cycles.deadlines.stage')} value={stage} onChange={(e) => setStage(e.target.value as CycleStage)}>
        {remaining.map((s) => (
          <option key={s} value={s}>
            {t(`stages.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('cycles.deadlines.dueAt')}
        hint={t('cycles.deadlines.timeZone')}
        type="datetime-local"
        required
        value={dueAt}
        error={dueError}
        onChange={(e) => setDueAt(e.target.value)}
      />
      <Button type="submit" variant="secondary" disabled={dueAt === '' || setDeadline.isPending} className={styles.submit}>
        {t('cycles.deadlines.save')}
      </Button>
      <div className={styles.status} role="status">
        {setDeadline.isSuccess && <Alert tone="success">{t('cycles.deadlines.saved')}</Alert>}
        {setDeadline.isError && dueError === undefined && <Alert tone="danger">{problem?.detail ?? problem?.title ?? t('errors.generic')}</Alert>}
      </div>
    </form>
  );
}
