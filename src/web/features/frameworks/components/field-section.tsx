import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { TextField } from '../../../components/ui/form-field.js';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { FrameworkField, FrameworkIndicator } from '../../../types/index.js';
import type { LocatedError } from './framework-errors.js';
import { errorAt } from './framework-errors.js';
import { IndicatorItem } from './indicator-item.js';
import styles from './framework-editor.module.css';

interface FieldSectionProps {
  field: FrameworkField;
  fieldIndex: number;
  fields: FrameworkField[];
  /** Every indicator of the framework with its position; the section shows those of its field. */
  indicators: { indicator: FrameworkIndicator; index: number }[];
  points: number;
  fieldErrors: LocatedError[] | undefined;
  indicatorErrors: Map<number, LocatedError[]>;
  expanded: Set<number>;
  onToggle: (index: number) => void;
  onFieldChange: (patch: Partial<FrameworkField>) => void;
  onIndicatorChange: (index: number, patch: Partial<FrameworkIndicator>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
  readOnly: boolean;
}

/** One field (분야) of the tree: its names, subtotal and indicators. */
export function FieldSection(props: FieldSectionProps) {
  const { field, fieldIndex, fields, indicators, points, fieldErrors, indicatorErrors, expanded, readOnly } = props;
  const { t, i18n } = useTranslation();
  const headingId = `field-${fieldIndex}-heading`;
  return (
    <section className={styles.field} aria-labelledby={headingId} id={`field-${fieldIndex}`}>
      <div className={styles.fieldHead}>
        <span className={styles.fieldCode}>{field.code}</span>
        <h2 id={headingId}>{localized(field.name, i18n.language)}</h2>
        <span className={styles.fieldPoints}>{t('framework.fieldSubtotal', { points: formatNumber(points), count: indicators.length })}</span>
      </div>
      {!readOnly && (
        <div className={styles.fieldNames}>
          <TextField
            label={t('framework.fields.fieldNameKo', { code: field.code })}
            lang="ko"
            value={field.name.ko}
            error={errorAt(fieldErrors, 'name.ko') ?? errorAt(fieldErrors, 'name') ?? errorAt(fieldErrors, 'code')}
            onChange={(e) => props.onFieldChange({ name: { ...field.name, ko: e.target.value } })}
          />
          <TextField
            label={t('framework.fields.fieldNameEn', { code: field.code })}
            lang="en"
            value={field.name.en}
            error={errorAt(fieldErrors, 'name.en')}
            onChange={(e) => props.onFieldChange({ name: { ...field.name, en: e.target.value } })}
          />
        </div>
      )}
      <ul className={styles.list}>
        {indicators.map(({ indicator, index }) => (
          <IndicatorItem
            key={index}
            indicator={indicator}
            index={index}
            fields={fields}
            errors={indicatorErrors.get(index)}
            expanded={expanded.has(index)}
            onToggle={() => props.onToggle(index)}
            onChange={(patch) => props.onIndicatorChange(index, patch)}
            onRemove={() => props.onRemove(index)}
            readOnly={readOnly}
          />
        ))}
      </ul>
      {!readOnly && (
        <div className={styles.addRow}>
          <Button variant="secondary" size="small" onClick={props.onAdd}>
            <span aria-hidden="true">＋</span>
            {t('framework.addIndicator', { field: localized(field.name, i18n.language) })}
          </Button>
        </div>
      )}
    </section>
  );
}
