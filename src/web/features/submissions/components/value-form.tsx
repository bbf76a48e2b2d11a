import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { CheckboxField, TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { formatNumber } from '../../../lib/format.js';
import { focusFirstProblem } from '../../../lib/focus-problem.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { SubmissionItem, SubmissionWarning } from '../../../types/index.js';
import { useSaveSubmission, type SaveSubmissionInput } from '../api/save-submission.js';
import { useSubmitSubmission } from '../api/submit-submission.js';
import styles from './submissions.module.css';
import { unitIn } from '../../../lib/unit-words.js';

interface ValueFormProps {
  year: number;
  code: string;
  item: SubmissionItem;
  canSubmit: boolean;
  /** Loads the item as it is now (after someone else changed it) and starts the form again from it. */
  onReload: () => void;
  /** After a submit (the item leaves the officer's hands; warnings such as lateness are shown by the caller). */
  onSubmitted: (warnings: SubmissionWarning[]) => void;
}

function initialValue(item: SubmissionItem): string {
  if (item.indicator.formula !== null && item.valueSource !== 'entered') return '';
  return item.value === null ? '' : String(item.value);
}

/**
 * The officer's form for one item: the value (entered, or the computed one with an optional override), a comment,
 * save as draft, and submit (which saves first when something changed). Server messages appear at their field;
 * a 409 says someone else changed the item and offers to reload it.
 */
export function ValueForm({ year, code, item, canSubmit, onReload, onSubmitted }: ValueFormProps) {
  const { t, i18n } = useTranslation();
  const indicator = item.indicator;
  const isFormula = indicator.formula !== null;
  const [valueText, setValueText] = useState(() => initialValue(item));
  const [override, setOverride] = useState(isFormula && item.valueSource === 'entered');
  const [comment, setComment] = useState(item.comment ?? '');
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState<'saved' | null>(null);
  const save = useSaveSubmission(year, code, indicator.code);
  const submit = useSubmitSubmission(year, code, indicator.code);
  const alertRef = useRef<HTMLDivElement>(null);
  const formId = `value-form-${indicator.code}`;

  // The item the form started from; a newer version (an import, another tab) replaces an untouched form.
  const [base, setBase] = useState(item);
  const dirty = valueText !== initialValue(base) || comment !== (base.comment ?? '') || override !== (isFormula && base.valueSource === 'entered');
  useEffect(() => {
    if (item.version === base.version || dirty) return;
    setValueText(initialValue(item));
    setComment(item.comment ?? '');
    setOverride(isFormula && item.valueSource === 'entered');
    setBase(item);
  }, [item, base.version, dirty, isFormula]);
  const error = save.error ?? submit.error;
  const problem = error instanceof ApiError ? error : null;
  const stale = problem?.code === 'stale_version';
  const valueError = localError ?? problem?.fieldError(`submissions.${indicator.code}.value`) ?? problem?.fieldError('body.value');
  const commentError = problem?.fieldError(`submissions.${indicator.code}.comment`) ?? problem?.fieldError('body.comment');
  const pending = save.isPending || submit.isPending;

  function input(): SaveSubmissionInput | null {
    const text = valueText.trim().replaceAll(',', '');
    const number = text === '' ? null : Number(text);
    if (number !== null && !Number.isFinite(number)) {
      setLocalError(t('submissions.form.notANumber'));
      return null;
    }
    setLocalError(null);
    const value = isFormula ? (override ? number : null) : number;
    return { version: item.version, value, comment: comment.trim() === '' ? null : comment.trim() };
  }

  const focusProblem = () => focusFirstProblem(formId, alertRef);

  async function onSave(event: FormEvent) {
    event.preventDefault();
    const body = input();
    if (body === null) return focusProblem();
    submit.reset();
    setSaved(null);
    try {
      setBase(await save.mutateAsync(body));
      setSaved('saved');
    } catch {
      focusProblem();
    }
  }

  async function onSubmit() {
    const body = input();
    if (body === null) return focusProblem();
    save.reset();
    submit.reset();
    setSaved(null);
    try {
      let version = item.version;
      if (dirty || item.status === 'not_started') version = (await save.mutateAsync(body)).version;
      const result = await submit.mutateAsync(version);
      onSubmitted(result.warnings);
    } catch {
      focusProblem();
    }
  }

  const bounds = indicator.bounds;
  const boundsHint =
    bounds.min !== undefined || bounds.max !== undefined
      ? t('submissions.form.bounds', {
          min: formatNumber(bounds.min ?? null),
          max: formatNumber(bounds.max ?? null),
          unit: unitIn(indicator.unit, i18n.language),
        })
      : undefined;

  return (
    <form id={formId} className={styles.valueForm} onSubmit={(e) => void onSave(e)} noValidate>
      {error !== null && (
        <Alert
          ref={alertRef}
          tone={stale ? 'warning' : 'danger'}
          role="alert"
          title={stale ? t('submissions.stale.title') : (problem?.title ?? t('errors.heading'))}
          actions={
            stale ? (
              <Button variant="secondary" size="small" onClick={onReload}>
                {t('submissions.stale.reload')}
              </Button>
            ) : undefined
          }
        >
          <p>{stale ? t('submissions.stale.text') : (problem?.detail ?? t('errors.generic'))}</p>
          {!stale && problem !== null && problem.errors.length > 0 && valueError === undefined && commentError === undefined && (
            <ul>
              {problem.errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>{e.message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}

      {isFormula ? (
        <>
          <p className={styles.computed}>
            {t('submissions.form.computed')} <strong>{formatNumber(item.computedValue ?? item.computation?.value ?? null)}</strong>{' '}
            {unitIn(indicator.unit, i18n.language)}
          </p>
          <CheckboxField
            label={t('submissions.form.override')}
            checked={override}
            onChange={(e) => setOverride(e.target.checked)}
            hint={t('submissions.form.overrideHint')}
          />
          {override && (
            <TextField
              label={t('submissions.form.overrideValue', { unit: unitIn(indicator.unit, i18n.language) })}
              inputMode="decimal"
              value={valueText}
              error={valueError}
              hint={boundsHint}
              onChange={(e) => setValueText(e.target.value)}
            />
          )}
        </>
      ) : (
        <TextField
          label={t('submissions.form.value', { unit: unitIn(indicator.unit, i18n.language) })}
          inputMode="decimal"
          value={valueText}
          error={valueError}
          hint={boundsHint}
          onChange={(e) => setValueText(e.target.value)}
        />
      )}
      <TextAreaField
        label={override ? t('submissions.form.commentRequired') : t('submissions.form.comment')}
        value={comment}
        maxLength={4000}
        error={commentError}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className={styles.formActions}>
        <Button type="submit" variant="secondary" disabled={pending}>
          {save.isPending && !submit.isPending ? t('common.working') : t('submissions.form.save')}
        </Button>
        {canSubmit && (
          <Button disabled={pending} onClick={() => void onSubmit()}>
            {submit.isPending ? t('common.working') : t('submissions.form.submit')}
          </Button>
        )}
        <span className={styles.savedNote} role="status">
          {saved === 'saved' && !dirty ? t('submissions.form.saved') : dirty ? t('submissions.form.unsaved') : ''}
        </span>
      </div>
    </form>
  );
}
