import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { SelectField, TextAreaField } from '../../../components/ui/form-field.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { AwardTie, ScoringRun } from '../../../types/index.js';
import { useDecideTie, type DecideTieRequest } from '../api/decide-tie.js';
import styles from './scoring.module.css';

/**
 * Ties that would give a tier more winners than places: each says which tier, which districts, places vs tied; the
 * city admin decides (award all, leave the places empty, or a tie-break rule the framework offers) with a reason.
 */
export function TieDecisions({ run, year, canDecide }: { run: ScoringRun; year: number; canDecide: boolean }) {
  const { t } = useTranslation();
  if (run.ties.length === 0) return null;
  return (
    <section className={styles.ties} aria-labelledby={`ties-${run.id}`}>
      <h3 id={`ties-${run.id}`}>{t('ties.heading')}</h3>
      <p>{t('ties.intro')}</p>
      {run.ties.map((tie) => (
        <TieItem key={`${tie.tier}:${tie.group ?? ''}`} run={run} year={year} tie={tie} canDecide={canDecide} />
      ))}
    </section>
  );
}

function TieItem({ run, year, tie, canDecide }: { run: ScoringRun; year: number; tie: AwardTie; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const decide = useDecideTie(run.id, year);
  const [editing, setEditing] = useState(false);
  const [decision, setDecision] = useState<DecideTieRequest['decision']>('award_all');
  const [rule, setRule] = useState(run.tieBreakRules[0]?.code ?? '');
  const [reason, setReason] = useState('');
  const problem = decide.error instanceof ApiError ? decide.error : null;
  const showForm = canDecide && (tie.decision === null || editing);
  const name = localized(tie.name, language);

  function submit(event: FormEvent) {
    event.preventDefault();
    decide.mutate(
      {
        tier: tie.tier,
        ...(tie.group === undefined ? {} : { group: tie.group }),
        decision,
        ...(decision === 'tie_break' ? { rule } : {}),
        reason: reason.trim(),
      },
      {
        onSuccess: () => {
          setEditing(false);
          setReason('');
        },
      },
    );
  }

  return (
    <article className={styles.tie} aria-label={name}>
      <h4>
        {name} — {tie.decision === null ? <strong>{t('ties.undecided')}</strong> : t('ties.decided', { decision: t(`ties.decisions.${tie.decision.kind}`) })}
      </h4>
      <p>{localized(tie.message, language)}</p>
      {tie.decision !== null && tie.decision.reason !== undefined && (
        <p>{t('ties.decidedBy', { who: tie.decision.decidedBy ?? '', reason: tie.decision.reason })}</p>
      )}
      {decide.isSuccess && (
        <Alert tone="success" role="status">
          {t('ties.saved')}
        </Alert>
      )}
      {canDecide && tie.decision !== null && !editing && (
        <Button variant="secondary" onClick={() => setEditing(true)}>
          {t('ties.change')}
        </Button>
      )}
      {showForm && (
        <form className={styles.tieForm} onSubmit={submit} noValidate>
          {decide.isError && problem?.fieldError('body.reason') === undefined && (
            <Alert tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
              <p>{problem?.detail ?? t('errors.generic')}</p>
            </Alert>
          )}
          <fieldset>
            <legend>{t('ties.decision')}</legend>
            {(['award_all', 'leave_empty', 'tie_break'] as const).map((d) => (
              <label key={d}>
                <input type="radio" name={`tie-${tie.tier}`} value={d} checked={decision === d} onChange={() => setDecision(d)} /> {t(`ties.decisions.${d}`)}
              </label>
            ))}
          </fieldset>
          {decision === 'tie_break' && (
            <SelectField label={t('ties.rule')} value={rule} onChange={(e) => setRule(e.target.value)}>
              {run.tieBreakRules.map((r) => (
                <option key={r.code} value={r.code}>
                  {localized(r.name, language)}
                </option>
              ))}
            </SelectField>
          )}
          <TextAreaField
            label={t('ties.reason')}
            hint={t('ties.reasonHint')}
            value={reason}
            rows={2}
            maxLength={2000}
            error={problem?.fieldError('body.reason')}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="submit" disabled={decide.isPending || reason.trim() === ''}>
            {t('ties.submit', { tier: name })}
          </Button>
        </form>
      )}
    </article>
  );
}
