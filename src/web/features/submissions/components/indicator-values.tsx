import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { localized, type LocalizedText } from '../../../lib/localized.js';
import type { DistrictSubmissions, RecordType } from '../../../types/index.js';
import type { IndicatorGuidance } from '../../frameworks/components/guidance-panel.js';
import { useSubmitAll } from '../api/submit-all.js';
import { IndicatorItem } from './indicator-item.js';
import styles from './submissions.module.css';

interface IndicatorValuesProps {
  data: DistrictSubmissions;
  /** Field names of the cycle's framework (groups the indicators); codes are shown when a field is missing. */
  fields: { code: string; name: LocalizedText }[];
  recordTypes: RecordType[];
  /** 평가 편람 of the cycle's framework by indicator code (shown beside each form). */
  guidance?: ReadonlyMap<string, IndicatorGuidance>;
  isOfficer: boolean;
  /** An indicator to open first (e.g. from a notification). */
  openIndicator: string | null;
  onReload: () => Promise<unknown>;
}

/** Every indicator of the cycle for the district, grouped by field, with submit-all for the officer. */
export function IndicatorValues({ data, fields, recordTypes, guidance, isOfficer, openIndicator, onReload }: IndicatorValuesProps) {
  const { t, i18n } = useTranslation();
  const groups = new Map<string, DistrictSubmissions['items']>();
  for (const item of data.items) groups.set(item.indicator.field, [...(groups.get(item.indicator.field) ?? []), item]);
  const anyEditable = data.items.some((item) => item.allowedActions.includes('submit'));

  return (
    <div className={styles.values}>
      {isOfficer && <SubmitAllBar year={data.year} code={data.district.code} disabled={!anyEditable} />}
      {[...groups.entries()].map(([field, items]) => {
        const name = fields.find((f) => f.code === field)?.name;
        const headingId = `field-${field}`;
        return (
          <section key={field} aria-labelledby={headingId} className={styles.group}>
            <h3 id={headingId}>{name === undefined ? field : localized(name, i18n.language)}</h3>
            <div className={styles.items}>
              {items.map((item) => (
                <IndicatorItem
                  key={item.indicator.code}
                  year={data.year}
                  code={data.district.code}
                  item={item}
                  recordTypes={recordTypes}
                  defaultOpen={item.indicator.code === openIndicator}
                  guidance={guidance?.get(item.indicator.code)}
                  onReload={onReload}
                />
              ))}
            </div>
          </section>
        );
      })}
      <p className={styles.muted}>{t('submissions.legend')}</p>
    </div>
  );
}

function SubmitAllBar({ year, code, disabled }: { year: number; code: string; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const submitAll = useSubmitAll(year, code);
  const result = submitAll.data;
  return (
    <div className={styles.submitAll}>
      <div className={styles.submitAllRow}>
        <p>{t('submissions.submitAll.text')}</p>
        <Button disabled={disabled || submitAll.isPending} onClick={() => submitAll.mutate()}>
          {submitAll.isPending ? t('common.working') : t('submissions.submitAll.button')}
        </Button>
      </div>
      <div aria-live="polite">
        {submitAll.isError && (
          <Alert tone="danger" role="alert" title={t('errors.heading')}>
            <p>{submitAll.error.message}</p>
          </Alert>
        )}
        {result !== undefined && (
          <Alert
            tone={result.blocked.length > 0 ? 'warning' : 'success'}
            title={t('submissions.submitAll.result', { submitted: result.submitted.length, blocked: result.blocked.length })}
          >
            {result.submitted.length > 0 && <p>{t('submissions.submitAll.submittedList', { list: result.submitted.join(', ') })}</p>}
            {result.blocked.length > 0 && (
              <ul>
                {result.blocked.map((b) => (
                  <li key={b.indicator}>
                    <strong>{b.indicator}</strong>: {b.problems.map((p) => localized(p.message, i18n.language)).join(' ')}
                  </li>
                ))}
              </ul>
            )}
            {result.warnings.map((w) => (
              <p key={w.code}>{localized(w.message, i18n.language)}</p>
            ))}
          </Alert>
        )}
      </div>
    </div>
  );
}
