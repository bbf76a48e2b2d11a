import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { SelectField, TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { FileUpload } from '../../../components/ui/file-upload.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Adjustment, AdjustmentPage, EvidenceFile } from '../../../types/index.js';
import { uploadObjectionEvidence } from '../../objections/api/upload-evidence.js';
import { useChangeAdjustment, useEnterAdjustment } from '../api/adjustments.js';
import styles from './adjustments.module.css';

export interface AdjustmentFormProps {
  page: AdjustmentPage;
  /** The entry being changed; none: a new entry. */
  entry?: Adjustment | null;
  onDone?: () => void;
}

/**
 * The city's entry form: district, rule (the framework's), signed points, reason and an evidence file uploaded as the
 * district's. The server checks the rule's range and the caps and answers in both languages; its message is shown.
 */
export function AdjustmentForm({ page, entry = null, onDone }: AdjustmentFormProps) {
  const { t, i18n } = useTranslation();
  const enter = useEnterAdjustment(page.year);
  const change = useChangeAdjustment(page.year);
  const mutation = entry === null ? enter : change;
  const [district, setDistrict] = useState(entry?.district.code ?? page.districts[0]?.code ?? '');
  const [rule, setRule] = useState(entry?.rule.code ?? page.rules[0]?.code ?? '');
  const [points, setPoints] = useState(entry === null ? '' : String(entry.points));
  const [reason, setReason] = useState(entry?.reason ?? '');
  const [evidence, setEvidence] = useState<EvidenceFile | null>(null);
  const [local, setLocal] = useState<{ points?: string; reason?: string }>({});
  const [done, setDone] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const problem = mutation.error instanceof ApiError ? mutation.error : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(points.trim().replace('−', '-'));
    const errors: { points?: string; reason?: string } = {};
    if (points.trim() === '' || !Number.isFinite(value)) errors.points = t('adjustments.form.notANumber');
    if (reason.trim() === '') errors.reason = t('adjustments.form.reasonRequired');
    setLocal(errors);
    setDone(false);
    if (errors.points !== undefined || errors.reason !== undefined) return;
    const onError = () => requestAnimationFrame(() => alertRef.current?.focus());
    const body = { rule, points: value, reason: reason.trim(), ...(evidence === null ? {} : { evidenceId: evidence.id }) };
    if (entry === null) {
      enter.mutate(
        { district, ...body },
        {
          onSuccess: () => {
            setPoints('');
            setReason('');
            setEvidence(null);
            setDone(true);
            onDone?.();
          },
          onError,
        },
      );
    } else {
      change.mutate({ id: entry.id, version: entry.version, ...body }, { onSuccess: () => onDone?.(), onError });
    }
  }

  const formId = entry === null ? 'adjustment-form' : `adjustment-form-${entry.id}`;
  return (
    <>
      {mutation.isError && (
        <Alert ref={alertRef} tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
          <p>{problem?.detail ?? t('errors.generic')}</p>
        </Alert>
      )}
      {done && (
        <Alert tone="success" role="status">
          {t('adjustments.form.entered')}
        </Alert>
      )}
      <form id={formId} className={styles.form} onSubmit={submit} noValidate>
        <SelectField
          label={t('adjustments.form.district')}
          value={district}
          disabled={entry !== null}
          onChange={(e) => {
            setDistrict(e.target.value);
            setEvidence(null);
          }}
        >
          {page.districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('adjustments.form.rule')} value={rule} error={problem?.fieldError('body.rule')} onChange={(e) => setRule(e.target.value)}>
          {page.rules.map((r) => (
            <option key={r.code} value={r.code}>
              {t(`adjustments.kind.${r.kind}`)} · {r.code} {localized(r.name, i18n.language)}
              {r.cap === null ? '' : ` (${t('adjustments.rules.cap', { cap: r.kind === 'bonus' ? `+${r.cap}` : `−${r.cap}` })})`}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('adjustments.form.points')}
          hint={t('adjustments.form.pointsHint')}
          inputMode="decimal"
          value={points}
          error={local.points ?? problem?.fieldError('body.points')}
          onChange={(e) => setPoints(e.target.value)}
        />
        <TextAreaField
          className={styles.wide}
          label={t('adjustments.form.reason')}
          value={reason}
          required
          maxLength={4000}
          rows={2}
          error={local.reason ?? problem?.fieldError('body.reason')}
          onChange={(e) => setReason(e.target.value)}
        />
      </form>
      {/* The upload is a form of its own: outside the entry form. */}
      <div className={styles.evidence}>
        {evidence !== null && (
          <p>
            {t('adjustments.form.attached', { name: evidence.originalName })}{' '}
            <Button variant="tertiary" size="small" onClick={() => setEvidence(null)}>
              {t('adjustments.form.removeEvidence')}
            </Button>
          </p>
        )}
        <FileUpload
          label={t('adjustments.form.evidence')}
          hint={t('adjustments.form.evidenceHint')}
          accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.xlsx,.docx,.pptx,.hwp,.hwpx"
          upload={async (chosen, onProgress, signal) => setEvidence(await uploadObjectionEvidence(district, chosen, onProgress, signal))}
        />
      </div>
      <div className={styles.submit}>
        <Button type="submit" form={formId} disabled={mutation.isPending}>
          {mutation.isPending ? t('common.working') : entry === null ? t('adjustments.form.submit') : t('adjustments.form.save')}
        </Button>
      </div>
    </>
  );
}
