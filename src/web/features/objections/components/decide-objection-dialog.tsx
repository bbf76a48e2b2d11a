import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { formatNumber } from '../../../lib/format.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Objection } from '../../../types/index.js';
import { useDecideObjection } from '../api/decide-objection.js';
import styles from './objections.module.css';

/**
 * The decision on an objection, with a reason: accept with the corrected value (a panel-scored qualitative item:
 * leave it empty and the panel re-reviews the item), or reject.
 */
export function DecideObjectionDialog({ year, objection, onClose }: { year: number; objection: Objection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideObjection(year);
  const [decision, setDecision] = useState<'accept' | 'reject'>('accept');
  const [corrected, setCorrected] = useState('');
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<{ corrected?: string; reason?: string }>({});
  const problem = decide.error instanceof ApiError ? decide.error : null;
  const qualitative = objection?.indicator.kind === 'qualitative';

  useEffect(() => {
    if (objection === null) return;
    setDecision('accept');
    setCorrected(objection.requestedValue === null || objection.indicator.kind === 'qualitative' ? '' : String(objection.requestedValue));
    setReason('');
    setLocalError({});
    decide.reset();
    // Start again for each objection.
  }, [objection?.id]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (objection === null) return;
    const errors: { corrected?: string; reason?: string } = {};
    const text = corrected.trim().replaceAll(',', '');
    const value = text === '' ? null : Number(text);
    if (value !== null && !Number.isFinite(value)) errors.corrected = t('objections.form.notANumber');
    else if (decision === 'accept' && value === null && !qualitative) errors.corrected = t('objections.decide.correctedRequired');
    if (reason.trim() === '') errors.reason = t('objections.decide.reasonRequired');
    setLocalError(errors);
    if (errors.corrected !== undefined || errors.reason !== undefined) return;
    decide.mutate(
      {
        id: objection.id,
        request: {
          decision,
          version: objection.version,
          correctedValue: decision === 'accept' ? value : null,
          reason: reason.trim() === '' ? null : reason.trim(),
        },
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog
      open={objection !== null}
      onClose={onClose}
      title={objection === null ? '' : t('objections.decide.title', { item: `${objection.district.name} ${objection.indicator.code}` })}
      footer={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="decide-form" disabled={decide.isPending}>
            {decide.isPending ? t('common.working') : t('objections.decide.submit')}
          </Button>
        </>
      }
    >
      {problem !== null && (
        <Alert tone="danger" role="alert" title={problem.code === 'stale_version' ? t('objections.decide.staleTitle') : problem.title}>
          <p>{problem.detail}</p>
        </Alert>
      )}
      {objection !== null && (
        <>
          <p className={styles.meta}>
            {t('objections.decide.values', { provisional: formatNumber(objection.provisionalValue), requested: formatNumber(objection.requestedValue) })}
          </p>
          <p className={styles.meta}>{t('objections.decide.filedBy', { filer: objection.filer.name })}</p>
          <p className={styles.reason}>{objection.reason}</p>
          {objection.reply !== null && (
            <div className={styles.reply}>
              <p>
                <strong>{t('objections.list.replyOf', { district: objection.district.name })}:</strong> {objection.reply.text}
              </p>
            </div>
          )}
        </>
      )}
      <form id="decide-form" className={styles.form} onSubmit={submit} noValidate>
        <fieldset className={styles.choice}>
          <legend>{t('objections.decide.decision')}</legend>
          <label>
            <input type="radio" name="decision" value="accept" checked={decision === 'accept'} onChange={() => setDecision('accept')} />{' '}
            {qualitative ? t('objections.decide.acceptRereview') : t('objections.decide.accept')}
          </label>
          <label>
            <input type="radio" name="decision" value="reject" checked={decision === 'reject'} onChange={() => setDecision('reject')} />{' '}
            {t('objections.decide.reject')}
          </label>
        </fieldset>
        {decision === 'accept' && (
          <TextField
            label={qualitative ? t('objections.decide.correctedOptional') : t('objections.decide.corrected')}
            hint={qualitative ? t('objections.decide.rereviewHint') : undefined}
            inputMode="decimal"
            value={corrected}
            error={localError.corrected ?? problem?.fieldError('body.correctedValue')}
            onChange={(e) => setCorrected(e.target.value)}
          />
        )}
        <TextAreaField
          label={t('objections.decide.reasonRequiredLabel')}
          required
          value={reason}
          maxLength={4000}
          error={localError.reason ?? problem?.fieldError('body.reason')}
          onChange={(e) => setReason(e.target.value)}
        />
      </form>
    </Dialog>
  );
}
