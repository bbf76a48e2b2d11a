import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/ui/form-field.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { formatDelta, formatNumber } from '../../../lib/format.js';
import { translateOr } from '../../../lib/i18n.js';
import { localized } from '../../../lib/localized.js';
import type { LocalizedText } from '../../../lib/localized.js';
import type { FrameworkDiff, MethodDefinition } from '../../../types/index.js';
import { useFrameworkDiff } from '../api/get-framework-diff.js';
import type { FrameworkRef } from '../api/get-framework-diff.js';
import { useFrameworkVersions } from '../api/get-framework-versions.js';
import styles from './framework-diff.module.css';

interface FrameworkDiffViewProps {
  years: number[];
  year: number;
}

/** Compares two frameworks (two years, or two versions of one year): indicators added, removed, changed; points. */
export function FrameworkDiffView({ years, year }: FrameworkDiffViewProps) {
  const { t } = useTranslation();
  const previous = years.filter((y) => y < year).sort((a, b) => b - a)[0] ?? year;
  const [from, setFrom] = useState<FrameworkRef>({ year: previous });
  const [to, setTo] = useState<FrameworkRef>({ year });
  const diff = useFrameworkDiff(from, to);

  return (
    <>
      <div className={styles.pickers}>
        <SidePicker label={t('framework.diff.from')} years={years} value={from} onChange={setFrom} />
        <span className={styles.arrow} aria-hidden="true">
          →
        </span>
        <SidePicker label={t('framework.diff.to')} years={years} value={to} onChange={setTo} />
      </div>
      <QueryState query={diff}>{(data) => <DiffContent diff={data} stale={diff.isPlaceholderData} />}</QueryState>
    </>
  );
}

function SidePicker({ label, years, value, onChange }: { label: string; years: number[]; value: FrameworkRef; onChange: (ref: FrameworkRef) => void }) {
  const { t } = useTranslation();
  const versions = useFrameworkVersions(value.year);
  return (
    <fieldset className={styles.side}>
      <legend>{label}</legend>
      <SelectField label={t('framework.diff.year')} value={value.year} onChange={(e) => onChange({ year: Number(e.target.value) })}>
        {years.map((y) => (
          <option key={y} value={y}>
            {t('common.year', { year: y })}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('framework.diff.version')}
        value={value.version ?? ''}
        onChange={(e) => onChange({ year: value.year, ...(e.target.value === '' ? {} : { version: Number(e.target.value) }) })}
      >
        <option value="">{t('framework.diff.latest')}</option>
        {(versions.data ?? []).map((v) => (
          <option key={v.version} value={v.version}>
            {t('framework.versionOption', { version: v.version })}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}

function DiffContent({ diff, stale }: { diff: FrameworkDiff; stale: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const summary = localized(diff.summary, language);
  const fieldCodes = [...new Set([...Object.keys(diff.fields.pointsBefore), ...Object.keys(diff.fields.pointsAfter)])];

  return (
    <div className={stale ? styles.stale : undefined} aria-busy={stale}>
      <h3>{t('framework.diff.summaryHeading')}</h3>
      {summary.length === 0 ? (
        <p className={styles.same}>
          <span aria-hidden="true">＝ </span>
          {t('framework.diff.identical')}
        </p>
      ) : (
        <ul className={styles.summary}>
          {summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}

      <div className={styles.grid}>
        <div>
          <h3 id="diff-fields">{t('framework.diff.fieldPoints')}</h3>
          <div className={styles.scroll} tabIndex={0} role="region" aria-labelledby="diff-fields">
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t('framework.diff.field')}</th>
                  <th scope="col" className="num">
                    {t('framework.diff.before')}
                  </th>
                  <th scope="col" className="num">
                    {t('framework.diff.after')}
                  </th>
                  <th scope="col" className="num">
                    {t('framework.diff.change')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {fieldCodes.map((code) => {
                  const before = diff.fields.pointsBefore[code];
                  const after = diff.fields.pointsAfter[code];
                  const status = before === undefined ? 'added' : after === undefined ? 'removed' : null;
                  return (
                    <tr key={code}>
                      <th scope="row">
                        {code}
                        {status !== null && <span className={`${styles.mark} ${styles[status]}`}>{t(`framework.diff.${status}`)}</span>}
                      </th>
                      <td className="num">{before === undefined ? '–' : formatNumber(before)}</td>
                      <td className="num">{after === undefined ? '–' : formatNumber(after)}</td>
                      <td className="num">{before !== undefined && after !== undefined ? formatDelta(after - before, 0) : '–'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ul className={styles.flags}>
            {(['awardsChanged', 'prizesChanged', 'adjustmentsChanged'] as const).map((flag) => (
              <li key={flag}>
                <span aria-hidden="true">{diff[flag] ? '△ ' : '＝ '}</span>
                {t(`framework.diff.${flag}`)}: <strong>{t(diff[flag] ? 'framework.diff.changed' : 'framework.diff.unchanged')}</strong>
              </li>
            ))}
          </ul>
        </div>

        <div>
          <h3 id="diff-indicators">{t('framework.diff.indicators')}</h3>
          {diff.added.length + diff.removed.length + diff.changed.length === 0 ? (
            <p className={styles.same}>{t('framework.diff.noIndicatorChanges')}</p>
          ) : (
            <ul className={styles.changes}>
              {diff.added.map((i) => (
                <li key={`+${i.code}`} className={styles.addedItem}>
                  <span className={`${styles.mark} ${styles.added}`}>
                    <span aria-hidden="true">＋ </span>
                    {t('framework.diff.added')}
                  </span>
                  <strong>{i.code}</strong> {localized(i.name, language)} · {t('framework.totals.points', { points: formatNumber(i.points) })}
                </li>
              ))}
              {diff.removed.map((i) => (
                <li key={`-${i.code}`} className={styles.removedItem}>
                  <span className={`${styles.mark} ${styles.removed}`}>
                    <span aria-hidden="true">－ </span>
                    {t('framework.diff.removed')}
                  </span>
                  <strong>{i.code}</strong> {localized(i.name, language)} · {t('framework.totals.points', { points: formatNumber(i.points) })}
                </li>
              ))}
              {diff.changed.map((c) => (
                <li key={`~${c.code}`} className={styles.changedItem}>
                  <span className={`${styles.mark} ${styles.changedMark}`}>
                    <span aria-hidden="true">△ </span>
                    {t('framework.diff.changed')}
                  </span>
                  <strong>{c.code}</strong> {localized(c.name, language)}
                  <dl className={styles.props}>
                    {c.changes.map((change) => (
                      <div key={change.property}>
                        <dt>{propertyLabel(change.property)}</dt>
                        <dd>
                          <del>{describeValue(change.property, change.before, language)}</del>
                          <span aria-hidden="true"> → </span>
                          <span className="visually-hidden"> {t('framework.diff.becomes')} </span>
                          <ins>{describeValue(change.property, change.after, language)}</ins>
                        </dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}

function propertyLabel(property: string): string {
  return translateOr(`framework.properties.${property}`, property);
}

function isLocalized(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && 'ko' in value && 'en' in value;
}

/** A property value in words: a method with its parameters, bounds as a range, yes/no, names in the reader's language. */
function describeValue(property: string, value: unknown, language: string): string {
  // Keys built from the data (method types…) cannot be checked by the compiler; translateOr falls back to the key.
  const t = (key: string) => translateOr(key, key);
  if (value === undefined || value === null || value === '') return t('framework.diff.empty');
  switch (property) {
    case 'name':
      // Both languages: a change may touch only the one the reader is not using.
      return isLocalized(value) ? (language === 'en' ? `${value.en} (${value.ko})` : `${value.ko} (${value.en})`) : String(value);
    case 'method': {
      const method = value as MethodDefinition;
      const params = Object.entries(method)
        .filter(([key]) => key !== 'type')
        .map(([key, v]) => `${key} ${Array.isArray(v) ? v.join('/') : String(v)}`);
      const label = t(`framework.methods.${method.type}`);
      return params.length === 0 ? label : `${label} (${params.join(', ')})`;
    }
    case 'bounds': {
      const b = value as { min?: number; max?: number };
      return `${b.min ?? '−∞'} ~ ${b.max ?? '∞'}`;
    }
    case 'evidenceRequired':
      return t(value === true ? 'common.yes' : 'common.no');
    case 'direction':
      return t(value === -1 ? 'framework.direction.down' : 'framework.direction.up');
    case 'kind':
      return value === 'qualitative' ? t('framework.kinds.qualitative') : t('framework.kinds.quantitative');
    case 'rubric': {
      const criteria = (value as { criteria?: unknown[] }).criteria?.length ?? 0;
      return `${t('framework.properties.rubric')} (${criteria})`;
    }
    case 'guidance': {
      // The parts the handbook has (lists with their length): the texts themselves are too long for a diff line.
      const g = value as { definition?: unknown; formula?: unknown; evidence?: unknown[]; checklist?: unknown[]; notes?: unknown };
      const parts = [
        g.definition !== undefined ? t('handbook.definition') : null,
        g.formula !== undefined ? t('handbook.formula') : null,
        g.evidence !== undefined ? `${t('handbook.evidence')} ${g.evidence.length}` : null,
        g.checklist !== undefined ? `${t('handbook.checklist')} ${g.checklist.length}` : null,
        g.notes !== undefined ? t('handbook.notes') : null,
      ].filter((x): x is string => x !== null);
      return parts.length === 0 ? t('framework.diff.empty') : parts.join(' · ');
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
