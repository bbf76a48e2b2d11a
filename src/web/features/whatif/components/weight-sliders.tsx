import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import styles from './whatif.module.css';

export interface SliderIndicator {
  code: string;
  name: string;
  published: number;
}

export interface SliderField {
  code: string;
  name: string;
  /** Positions of the field's indicators in the points array. */
  indexes: number[];
}

interface WeightSlidersProps {
  fields: SliderField[];
  indicators: SliderIndicator[];
  points: readonly number[];
  onChange: (index: number, value: number) => void;
}

/** One slider per indicator (its points, 0 to twice the published points or 20), grouped by field. */
export function WeightSliders({ fields, indicators, points, onChange }: WeightSlidersProps) {
  const { t } = useTranslation();
  return (
    <>
      {fields.map((field) => {
        const now = field.indexes.reduce((sum, i) => sum + (points[i] ?? 0), 0);
        const before = field.indexes.reduce((sum, i) => sum + (indicators[i]?.published ?? 0), 0);
        return (
          <fieldset key={field.code} className={styles.group}>
            <legend>
              {field.name} <span className={styles.groupPoints}>{t('whatif.fieldPoints', { now: formatNumber(now), published: formatNumber(before) })}</span>
            </legend>
            {field.indexes.map((index) => {
              const indicator = indicators[index];
              if (indicator === undefined) return null;
              const value = points[index] ?? 0;
              const id = `weight-${indicator.code}`;
              const changed = value !== indicator.published;
              return (
                <div key={indicator.code} className={`${styles.slider} ${changed ? styles.changed : ''}`}>
                  <label htmlFor={id}>
                    <span className={styles.code}>{indicator.code}</span>
                    {indicator.name}
                  </label>
                  <input
                    id={id}
                    type="range"
                    min={0}
                    max={Math.max(20, indicator.published * 2)}
                    step={0.5}
                    value={value}
                    aria-valuetext={t('whatif.sliderValue', { points: formatNumber(value), published: formatNumber(indicator.published) })}
                    onChange={(e) => onChange(index, Number(e.target.value))}
                  />
                  <span className={styles.value}>
                    <output htmlFor={id}>{t('whatif.points', { points: formatNumber(value) })}</output>
                    <span className={styles.published}>
                      {changed && <span aria-hidden="true">● </span>}
                      {t('whatif.publishedPoints', { points: formatNumber(indicator.published) })}
                    </span>
                  </span>
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </>
  );
}
