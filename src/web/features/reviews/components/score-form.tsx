import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { formatNumber, formatScore } from '../../../lib/format.js';
import { focusFirstProblem } from '../../../lib/focus-problem.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Rubric } from '../../../types/index.js';
import type { ReviewAssignment } from '../../../types/index.js';
import { useSaveScores } from '../api/save-scores.js';
import { useSubmitScores } from '../api/submit-scores.js';
import styles from './reviews.module.css';

type Marks = Record<string, string>;

function marksOf(assignment: ReviewAssignment): Marks {
  return Object.fromEntries(Object.entries(assignment.scores ?? {}).map(([k, v]) => [k, String(v)]));
}

/** The server's 0–100 total, computed the same way for the preview: Σ wᵢ·sᵢ / Σ wᵢ with each criterion scaled to 0–100. */
function previewTotal(rubric: Rubric, marks: Marks): number | null {
  let weighted = 0;
  let weights = 0;
  for (const c of rubric.criteria) {
    const raw = marks[c.code];
    if (raw === undefined || raw === '') return null;
    const value = Number(raw);
    if (!Number.isFinite(value)) return null;
    const scaled = rubric.scale === 'levels' ? ((value - 1) / 4) * 100 : c.maxPoints === undefined ? 0 : (value / c.maxPoints) * 100;
    weighted += c.weight * scaled;
    weights += c.weight;
  }
  return weights === 0 ? null : weighted / weights;
}

interface ScoreFormProps {
  year: number;
  assignment: ReviewAssignment;
  rubric: Rubric;
  editable: boolean;
}

/**
 * A reviewer's score sheet: each rubric criterion with its anchored level descriptions (radio 1–5) or a points
 * field, a comment, save draft and submit. Only the reviewer's own marks are shown (blind review).
 */
export function ScoreForm({ year, assignment, rubric, editable }: ScoreFormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [marks, setMarks] = useState<Marks>(() => marksOf(assignment));
  const [comment, setComment] = useState(assignment.comment ?? '');
  const [version, setVersion] = useState(assignment.version);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useSaveScores(year, assignment.id);
  const submit = useSubmitScores(year, assignment.id);
  const alertRef = useRef<HTMLDivElement>(null);
  const readOnly = !editable || assignment.status === 'submitted';
  const error = save.error ?? submit.error;
  const problem = error instanceof ApiError ? error : null;
  const stale = problem?.code === 'stale_version';
  const current = stale ? (problem.extensions.current as ReviewAssignment | undefined) : undefined;
  const total = previewTotal(rubric, marks);

  const body = () => ({
    version,
    scores: Object.fromEntries(
      Object.entries(marks)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(v)]),
    ),
    comment: comment.trim() === '' ? null : comment.trim(),
  });
  const focusProblem = () => focusFirstProblem('score-form', alertRef);

  function onSave(event: FormEvent) {
    event.preventDefault();
    submit.reset();
    setSaved(false);
    save.mutate(body(), {
      onSuccess: (a) => {
        setVersion(a.version);
        setSaved(true);
      },
      onError: focusProblem,
    });
  }

  function onSubmit() {
    save.reset();
    setSaved(false);
    submit.mutate(body(), {
      onSuccess: (a) => {
        setVersion(a.version);
        setConfirming(false);
      },
      onError: () => {
        setConfirming(false);
        focusProblem();
      },
    });
  }

  function reload() {
    if (current === undefined) return;
    setMarks(marksOf(current));
    setComment(current.comment ?? '');
    setVersion(current.version);
    save.reset();
    submit.reset();
  }

  const criterionError = (code: string) => problem?.fieldError(`scores.${code}`) ?? problem?.fieldError(`body.scores.${code}`);

  return (
    <form id="score-form" className={styles.form} onSubmit={onSave} noValidate>
      {error !== null && (
        <Alert
          ref={alertRef}
          tone={stale ? 'warning' : 'danger'}
          role="alert"
          title={stale ? t('reviews.form.staleTitle') : (problem?.title ?? t('errors.heading'))}
          actions={
            stale && current !== undefined ? (
              <Button variant="secondary" size="small" onClick={reload}>
                {t('reviews.form.reload')}
              </Button>
            ) : undefined
          }
        >
          <p>{stale ? t('reviews.form.staleText') : (problem?.detail ?? t('errors.generic'))}</p>
        </Alert>
      )}
      {assignment.status === 'submitted' && (
        <Alert tone="success" role="status">
          {t('reviews.form.submittedNote')}
        </Alert>
      )}

      {rubric.criteria.map((c) => {
        const name = localized(c.name, language);
        const value = marks[c.code] ?? '';
        const fieldError = criterionError(c.code);
        if (rubric.scale === 'points') {
          return (
            <div key={c.code} className={styles.criterion}>
              <TextField
                label={t('reviews.form.pointsLabel', { name, max: formatNumber(c.maxPoints ?? null) })}
                hint={t('reviews.form.weight', { weight: formatNumber(c.weight) })}
                type="number"
                inputMode="decimal"
                min={0}
                max={c.maxPoints}
                step="any"
                value={value}
                disabled={readOnly}
                error={fieldError}
                onChange={(e) => setMarks((m) => ({ ...m, [c.code]: e.target.value }))}
              />
            </div>
          );
        }
        const levels =
          c.levels !== undefined && c.levels.length > 0
            ? [...c.levels].sort((a, b) => a.level - b.level)
            : [1, 2, 3, 4, 5].map((level) => ({ level, description: null }));
        const errorId = `criterion-${c.code}-error`;
        return (
          <fieldset key={c.code} className={styles.criterion} aria-describedby={fieldError === undefined ? undefined : errorId}>
            <legend className={styles.legend}>
              {name} <span className={styles.weight}>{t('reviews.form.weight', { weight: formatNumber(c.weight) })}</span>
            </legend>
            <div className={styles.levels}>
              {levels.map((level) => (
                <label key={level.level} className={`${styles.level} ${value === String(level.level) ? styles.levelChecked : ''}`}>
                  <input
                    type="radio"
                    name={`criterion-${c.code}`}
                    value={level.level}
                    checked={value === String(level.level)}
                    disabled={readOnly}
                    onChange={() => setMarks((m) => ({ ...m, [c.code]: String(level.level) }))}
                  />
                  <span className={styles.levelNumber}>{t('reviews.form.level', { level: level.level })}</span>
                  {level.description !== null && <span className={styles.levelText}>{localized(level.description, language)}</span>}
                </label>
              ))}
            </div>
            {fieldError !== undefined && (
              <p id={errorId} className={styles.error}>
                {fieldError}
              </p>
            )}
          </fieldset>
        );
      })}

      <TextAreaField label={t('reviews.form.comment')} value={comment} maxLength={4000} disabled={readOnly} onChange={(e) => setComment(e.target.value)} />

      <p className={styles.total} aria-live="polite">
        {t('reviews.form.total')} <strong>{total === null ? '–' : formatScore(total, 1)}</strong> / 100
        {total === null && <span className={styles.muted}> {t('reviews.form.totalIncomplete')}</span>}
      </p>

      {!readOnly && (
        <div className={styles.actions}>
          <Button type="submit" variant="secondary" disabled={save.isPending || submit.isPending}>
            {save.isPending ? t('common.working') : t('reviews.form.save')}
          </Button>
          {confirming ? (
            <>
              <span className={styles.confirmText}>{t('reviews.form.confirm')}</span>
              <Button disabled={submit.isPending} onClick={onSubmit}>
                {submit.isPending ? t('common.working') : t('reviews.form.confirmSubmit')}
              </Button>
              <Button variant="tertiary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </>
          ) : (
            <Button onClick={() => setConfirming(true)} disabled={save.isPending}>
              {t('reviews.form.submit')}
            </Button>
          )}
          <span role="status" className={styles.muted}>
            {saved ? t('reviews.form.saved') : ''}
          </span>
        </div>
      )}
    </form>
  );
}
