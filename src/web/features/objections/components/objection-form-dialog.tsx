import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { EvidenceFile, ProvisionalScorecard } from '../../../types/index.js';
import { useFileObjection } from '../api/file-objection.js';
import { ObjectionEvidenceField } from './objection-evidence-field.js';
import styles from './objections.module.css';
import { unitIn } from '../../../lib/unit-words.js';

interface ObjectionFormDialogProps {
  year: number;
  /** The district whose figure is contested (the filer's own or another). */
  district: { code: string; name: string };
  /** The district filing. */
  filer: string;
  indicator: ProvisionalScorecard['indicators'][number] | null;
  onClose: () => void;
}

/**
 * Files an objection to one district's figure for one indicator: the reason, the value asked for, and an evidence
 * file of the filing district.
 */
export function ObjectionFormDialog({ year, district, filer, indicator, onClose }: ObjectionFormDialogProps) {
  const { t, i18n } = useTranslation();
  const file = useFileObjection(year);
  const [reason, setReason] = useState('');
  const [requested, setRequested] = useState('');
  const [evidence, setEvidence] = useState<EvidenceFile | null>(null);
  const [localError, setLocalError] = useState<{ reason?: string; requested?: string }>({});
  const alertRef = useRef<HTMLDivElement>(null);
  const problem = file.error instanceof ApiError ? file.error : null;

  useEffect(() => {
    if (indicator === null) return;
    setReason('');
    setRequested('');
    setEvidence(null);
    setLocalError({});
    file.reset();
    // Start again when the dialog opens for another indicator.
  }, [indicator?.code, district.code]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (indicator === null) return;
    const errors: { reason?: string; requested?: string } = {};
    if (reason.trim() === '') errors.reason = t('objections.form.reasonRequired');
    const text = requested.trim().replaceAll(',', '');
    const value = text === '' ? null : Number(text);
    if (value !== null && !Number.isFinite(value)) errors.requested = t('objections.form.notANumber');
    setLocalError(errors);
    if (errors.reason !== undefined || errors.requested !== undefined) return;
    file.mutate(
      { district: district.code, filer, indicator: indicator.code, reason: reason.trim(), requestedValue: value, evidenceId: evidence?.id ?? null },
      { onSuccess: onClose, onError: () => requestAnimationFrame(() => alertRef.current?.focus()) },
    );
  }

  const name = indicator === null ? '' : `${indicator.code} ${localized(indicator.name, i18n.language)}`;
  return (
    <Dialog
      open={indicator !== null}
      onClose={onClose}
      title={t('objections.form.title', { district: district.name, indicator: name })}
      footer={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="objection-form" disabled={file.isPending}>
            {file.isPending ? t('common.working') : t('objections.form.submit')}
          </Button>
        </>
      }
    >
      {file.isError && (
        <Alert ref={alertRef} tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
          <p>{problem?.detail ?? t('errors.generic')}</p>
        </Alert>
      )}
      {indicator !== null && (
        <p className={styles.meta}>
          {t('objections.form.current', {
            value: `${formatNumber(indicator.value)}${indicator.unit === '' ? '' : ` ${unitIn(indicator.unit, i18n.language)}`}`,
            earned: formatNumber(indicator.earned),
            points: formatNumber(indicator.points),
          })}
        </p>
      )}
      <form id="objection-form" className={styles.form} onSubmit={submit} noValidate>
        <TextAreaField
          label={t('objections.form.reason')}
          value={reason}
          required
          maxLength={4000}
          error={localError.reason ?? problem?.fieldError('body.reason')}
          onChange={(e) => setReason(e.target.value)}
        />
        <TextField
          label={t('objections.form.requested', { unit: indicator?.unit ?? '' })}
          hint={indicator?.kind === 'qualitative' ? t('objections.form.requestedHintQualitative') : t('objections.form.requestedHint')}
          inputMode="decimal"
          value={requested}
          error={localError.requested ?? problem?.fieldError('body.requestedValue')}
          onChange={(e) => setRequested(e.target.value)}
        />
      </form>
      <ObjectionEvidenceField district={filer} evidence={evidence} onChange={setEvidence} />
    </Dialog>
  );
}
