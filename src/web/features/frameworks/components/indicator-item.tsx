import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/ui/form-field.js';
import formStyles from '../../../components/ui/form.module.css';
import { localized } from '../../../lib/localized.js';
import type { FrameworkField, FrameworkIndicator } from '../../../types/index.js';
import type { LocatedError } from './framework-errors.js';
import { errorAt } from './framework-errors.js';
import { GuidanceEditor } from './guidance-editor.js';
import { MethodEditor } from './method-editor.js';
import { NumberInput } from './number-input.js';
import { RubricView } from './rubric-view.js';
import styles from './framework-editor.module.css';

interface IndicatorItemProps {
  indicator: FrameworkIndicator;
  index: number;
  fields: FrameworkField[];
  errors: LocatedError[] | undefined;
  expanded: boolean;
  onToggle: () => void;
  onChange: (patch: Partial<FrameworkIndicator>) => void;
  onRemove: () => void;
  readOnly: boolean;
}

/**
 * One indicator: a summary row (code, name, kind, method, inline points) that opens into every property. The
 * server's messages appear at the control they name; an indicator with errors is marked in its row too.
 */
export function IndicatorItem({ indicator, index, fields, errors, expanded, onToggle, onChange, onRemove, readOnly }: IndicatorItemProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const detailsId = `${id}-details`;
  const pointsId = `${id}-points`;
  const pointsError = errorAt(errors, 'points');
  const errorCount = errors?.length ?? 0;
  const name = localized(indicator.name, i18n.language);

  return (
    <li id={`indicator-${index}`} className={`${styles.indicator} ${errorCount > 0 ? styles.indicatorInvalid : ''}`}>
      <div className={styles.row}>
        <button type="button" className={styles.toggle} aria-expanded={expanded} aria-controls={detailsId} onClick={onToggle}>
          <span className={styles.chevron} aria-hidden="true">
            ▶
          </span>
          <span className={styles.indicatorTitle}>
            <span className={styles.code}>{indicator.code}</span>
            <span className={styles.name}>{name}</span>
            <span className={styles.tags}>
              <span className={styles.tag}>{t(`framework.kinds.${indicator.kind}`)}</span>
              <span className={styles.tag}>{t(`framework.methods.${indicator.method.type}`)}</span>
              {indicator.formula !== null && <span className={styles.tag}>{t('framework.tags.formula')}</span>}
              {indicator.isNew && <span className={`${styles.tag} ${styles.tagNew}`}>{t('framework.tags.new')}</span>}
              {errorCount > 0 && (
                <span className={`${styles.tag} ${styles.tagError}`}>
                  <span aria-hidden="true">⚠ </span>
                  {t('framework.tags.errors', { count: errorCount })}
                </span>
              )}
            </span>
          </span>
        </button>
        <div className={styles.points}>
          <label htmlFor={pointsId}>
            <span className="visually-hidden">{t('framework.pointsOf', { code: indicator.code })}</span>
            <span aria-hidden="true">{t('framework.fields.points')}</span>
          </label>
          <NumberInput
            id={pointsId}
            value={indicator.points}
            disabled={readOnly}
            aria-invalid={pointsError !== undefined}
            aria-describedby={pointsError === undefined ? undefined : `${pointsId}-error`}
            onValueChange={(v) => onChange({ points: v ?? Number.NaN })}
          />
        </div>
        {pointsError !== undefined && (
          <p id={`${pointsId}-error`} className={styles.pointsError}>
            ⚠ {pointsError}
          </p>
        )}
      </div>
      {expanded && (
        <fieldset id={detailsId} className={styles.details} disabled={readOnly} aria-label={t('framework.detailsOf', { code: indicator.code })}>
          <TextField
            label={t('framework.fields.code')}
            value={indicator.code}
            error={errorAt(errors, 'code')}
            maxLength={16}
            onChange={(e) => onChange({ code: e.target.value.toUpperCase() })}
          />
          <SelectField
            label={t('framework.fields.field')}
            value={indicator.field}
            error={errorAt(errors, 'field')}
            onChange={(e) => onChange({ field: e.target.value })}
          >
            {fields.map((f) => (
              <option key={f.code} value={f.code}>
                {f.code} · {localized(f.name, i18n.language)}
              </option>
            ))}
          </SelectField>
          <TextField
            className={styles.wide}
            label={t('framework.fields.nameKo')}
            lang="ko"
            value={indicator.name.ko}
            error={errorAt(errors, 'name.ko') ?? errors?.find((e) => e.path === 'name')?.message}
            onChange={(e) => onChange({ name: { ...indicator.name, ko: e.target.value } })}
          />
          <TextField
            className={styles.wide}
            label={t('framework.fields.nameEn')}
            lang="en"
            value={indicator.name.en}
            error={errorAt(errors, 'name.en')}
            onChange={(e) => onChange({ name: { ...indicator.name, en: e.target.value } })}
          />
          <SelectField
            label={t('framework.fields.kind')}
            value={indicator.kind}
            error={errorAt(errors, 'kind') ?? errorAt(errors, 'rubric')}
            onChange={(e) => onChange({ kind: e.target.value as FrameworkIndicator['kind'] })}
          >
            <option value="quantitative">{t('framework.kinds.quantitative')}</option>
            <option value="qualitative">{t('framework.kinds.qualitative')}</option>
          </SelectField>
          <SelectField
            label={t('framework.fields.direction')}
            value={indicator.direction}
            error={errorAt(errors, 'direction')}
            onChange={(e) => onChange({ direction: Number(e.target.value) === -1 ? -1 : 1 })}
          >
            <option value={1}>{t('framework.direction.up')}</option>
            <option value={-1}>{t('framework.direction.down')}</option>
          </SelectField>
          <TextField
            label={t('framework.fields.unit')}
            value={indicator.unit}
            maxLength={20}
            error={errorAt(errors, 'unit')}
            onChange={(e) => onChange({ unit: e.target.value })}
          />
          <div className={styles.wide}>
            <MethodEditor
              method={indicator.method}
              errors={errors}
              qualitative={indicator.kind === 'qualitative'}
              onChange={(method) => onChange({ method })}
            />
          </div>
          <TextAreaField
            className={`${styles.wide} ${styles.formula}`}
            label={t('framework.fields.formula')}
            hint={t('framework.formulaHint')}
            value={indicator.formula ?? ''}
            rows={2}
            spellCheck={false}
            lang="en"
            error={errorAt(errors, 'formula')}
            onChange={(e) => onChange({ formula: e.target.value.trim() === '' ? null : e.target.value })}
          />
          <BoundField
            label={t('framework.fields.boundsMin')}
            value={indicator.bounds.min}
            error={errorAt(errors, 'bounds.min') ?? errorAt(errors, 'bounds')}
            onChange={(min) => onChange({ bounds: withBound(indicator.bounds, 'min', min) })}
          />
          <BoundField
            label={t('framework.fields.boundsMax')}
            value={indicator.bounds.max}
            error={errorAt(errors, 'bounds.max')}
            onChange={(max) => onChange({ bounds: withBound(indicator.bounds, 'max', max) })}
          />
          <CheckboxField
            label={t('framework.fields.evidenceRequired')}
            checked={indicator.evidenceRequired}
            error={errorAt(errors, 'evidenceRequired')}
            onChange={(e) => onChange({ evidenceRequired: e.target.checked })}
          />
          <CheckboxField label={t('framework.fields.isNew')} checked={indicator.isNew} onChange={(e) => onChange({ isNew: e.target.checked })} />
          {indicator.rubric !== undefined && (
            <div className={styles.wide}>
              <RubricView rubric={indicator.rubric} code={indicator.code} />
            </div>
          )}
          <GuidanceEditor guidance={indicator.guidance} errors={errors} onChange={(guidance) => onChange({ guidance })} />
          {!readOnly && (
            <div className={`${styles.wide} ${styles.detailActions}`}>
              <Button variant="tertiary" size="small" onClick={onRemove}>
                {t('framework.removeIndicator', { code: indicator.code })}
              </Button>
            </div>
          )}
        </fieldset>
      )}
    </li>
  );
}

function withBound(bounds: FrameworkIndicator['bounds'], key: 'min' | 'max', value: number | undefined): FrameworkIndicator['bounds'] {
  const next = { ...bounds };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function BoundField({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: number | undefined;
  error?: string;
  onChange: (v: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={formStyles.field}>
      <label className={formStyles.label} htmlFor={id}>
        {label}
      </label>
      <NumberInput
        id={id}
        className={formStyles.control}
        value={value}
        placeholder={t('framework.noBound')}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        onValueChange={onChange}
      />
      {error !== undefined && (
        <p id={`${id}-error`} className={formStyles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
