import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { ErrorState, LoadingState } from '../../../components/ui/status.js';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ComputationStep, IndicatorComputation, RecordType } from '../../../types/index.js';
import { useTraceRecords } from '../api/get-trace-records.js';
import factStyles from '../../../components/ui/facts.module.css';
import styles from './submissions.module.css';

interface ComputationViewProps {
  code: string;
  computation: IndicatorComputation;
  unit: string;
  recordTypes: RecordType[];
}

/**
 * How a value was computed: the formula, each counted piece with its record type, field, period, number of records
 * and result, and — on request — the records behind a piece.
 */
export function ComputationView({ code, computation, unit, recordTypes }: ComputationViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const steps = computation.trace.filter((step) => step.recordType !== undefined);
  const period = computation.periods.find((p) => p.yearsBack === 0);
  const population = period?.population ?? null;
  return (
    <div className={styles.computation}>
      <dl className={factStyles.facts}>
        <div>
          <dt>{t('submissions.computation.formula')}</dt>
          <dd>
            <code className={styles.formula}>{computation.formula}</code>
          </dd>
        </div>
        <div>
          <dt>{t('submissions.computation.result')}</dt>
          <dd>
            {formatNumber(computation.value)} {unit}
          </dd>
        </div>
        {population !== null && (
          <div>
            <dt>
              {period?.populationYear !== undefined
                ? t('submissions.computation.populationOfYear', { year: period.populationYear })
                : t('submissions.computation.population')}
            </dt>
            <dd>{formatNumber(population)}</dd>
          </div>
        )}
        {computation.computedAt !== null && (
          <div>
            <dt>{t('submissions.computation.computedAt')}</dt>
            <dd>{formatDateTime(computation.computedAt, language)}</dd>
          </div>
        )}
      </dl>
      {computation.error !== undefined && <p className={styles.problem}>{localized(computation.error, language)}</p>}
      {steps.length > 0 && (
        <ol className={styles.steps}>
          {steps.map((step) => (
            <StepView key={`${step.text}:${step.yearsBack ?? 0}`} code={code} step={step} recordTypes={recordTypes} />
          ))}
        </ol>
      )}
    </div>
  );
}

function StepView({ code, step, recordTypes }: { code: string; step: ComputationStep; recordTypes: RecordType[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [open, setOpen] = useState(false);
  const type = recordTypes.find((x) => x.code === step.recordType);
  const field = type?.fields.find((f) => f.key === step.field);
  const ids = step.recordIds ?? [];
  const typeName = type === undefined ? (step.recordType ?? '') : localized(type.name, language);
  return (
    <li>
      <p className={styles.step}>
        <strong>{typeName}</strong>
        {field !== undefined && <> · {localized(field.label, language)}</>}
        {' — '}
        {t(`submissions.computation.fn.${step.fn === 'count' || step.fn === 'sum' ? step.fn : 'other'}`, { fn: step.fn ?? '' })}
        {' = '}
        <strong>{typeof step.value === 'number' || step.value === null || step.value === undefined ? formatNumber(step.value) : String(step.value)}</strong>
        <span className={styles.stepMeta}>
          {' '}
          ({t('submissions.computation.records', { count: step.recordCount ?? ids.length })}
          {step.period !== undefined && (
            <>
              , {formatDate(step.period.start, language)} – {formatDate(step.period.end, language)}
            </>
          )}
          )
        </span>
      </p>
      {ids.length > 0 && step.recordType !== undefined && step.period !== undefined && (
        <>
          <Button variant="tertiary" size="small" aria-expanded={open} onClick={() => setOpen((x) => !x)}>
            {open ? t('submissions.computation.hideRecords') : t('submissions.computation.showRecords', { count: ids.length })}
          </Button>
          {open && (
            <TraceRecords
              code={code}
              type={type}
              recordType={step.recordType}
              period={step.period}
              ids={ids.filter((id) => typeof id === 'number')}
              caption={typeName}
            />
          )}
        </>
      )}
    </li>
  );
}

function TraceRecords({
  code,
  type,
  recordType,
  period,
  ids,
  caption,
}: {
  code: string;
  type: RecordType | undefined;
  recordType: string;
  period: { start: string; end: string };
  ids: number[];
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  const records = useTraceRecords(code, recordType, period, ids, true);
  if (records.isPending) return <LoadingState />;
  if (records.isError) return <ErrorState error={records.error} />;
  const fields = (type?.fields ?? []).slice(0, 4);
  return (
    <div className={styles.traceScroll} tabIndex={0} role="region" aria-label={t('submissions.computation.recordsCaption', { type: caption })}>
      <table className={styles.traceTable}>
        <caption className="visually-hidden">{t('submissions.computation.recordsCaption', { type: caption })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('records.occurredOn')}</th>
            {fields.map((f) => (
              <th key={f.key} scope="col">
                {localized(f.label, i18n.language)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.data.map((r) => (
            <tr key={r.id}>
              <td>{r.occurredOn}</td>
              {fields.map((f) => {
                const value = r.data[f.key];
                return (
                  <td key={f.key}>
                    {value === undefined
                      ? '–'
                      : typeof value === 'boolean'
                        ? t(value ? 'common.yes' : 'common.no')
                        : typeof value === 'number'
                          ? formatNumber(value)
                          : value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {records.data.length < ids.length && (
        <p className={styles.stepMeta}>{t('submissions.computation.moreRecords', { shown: records.data.length, total: ids.length })}</p>
      )}
    </div>
  );
}
