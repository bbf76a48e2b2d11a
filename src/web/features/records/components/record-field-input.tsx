import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { RecordField } from '../../../types/index.js';
import { unitIn } from '../../../lib/unit-words.js';

interface RecordFieldInputProps {
  field: RecordField;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string;
  disabled?: boolean;
}

/** The control a field's definition calls for: number, date, month, choice, yes/no or text, with its unit and limits. */
export function RecordFieldInput({ field, value, onChange, error, disabled }: RecordFieldInputProps) {
  const { t, i18n } = useTranslation();
  const name = localized(field.label, i18n.language);
  const label = (
    <>
      {name}
      {field.unit !== undefined && <span> ({unitIn(field.unit, i18n.language)})</span>}
      {field.required ? <span aria-hidden="true"> *</span> : null}
      {field.required && <span className="visually-hidden"> ({t('records.form.required')})</span>}
    </>
  );
  const limits: string[] = [];
  if (field.min !== undefined) limits.push(t('records.form.min', { value: formatNumber(field.min) }));
  if (field.max !== undefined) limits.push(t('records.form.max', { value: formatNumber(field.max) }));
  if (field.type === 'integer') limits.push(t('records.form.integer'));
  if (field.type === 'money') limits.push(t('records.form.money'));
  const hint = limits.length > 0 ? limits.join(' · ') : undefined;
  const text = typeof value === 'string' ? value : '';

  switch (field.type) {
    case 'boolean':
      return <CheckboxField label={name} checked={value === true} disabled={disabled} error={error} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum':
      return (
        <SelectField label={label} value={text} required={field.required} disabled={disabled} error={error} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('records.form.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    case 'longtext':
      return (
        <TextAreaField
          label={label}
          value={text}
          required={field.required}
          disabled={disabled}
          error={error}
          maxLength={field.maxLength}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'date':
      return (
        <TextField
          label={label}
          type="date"
          value={text}
          required={field.required}
          disabled={disabled}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'integer':
    case 'number':
    case 'money':
      return (
        <TextField
          label={label}
          type="number"
          inputMode={field.type === 'number' ? 'decimal' : 'numeric'}
          step={field.type === 'number' ? 'any' : 1}
          min={field.min}
          max={field.max}
          value={text}
          required={field.required}
          disabled={disabled}
          error={error}
          hint={hint}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return (
        <TextField
          label={label}
          type={field.format === 'year_month' ? 'month' : 'text'}
          placeholder={field.format === 'year_month' ? 'YYYY-MM' : undefined}
          value={text}
          required={field.required}
          disabled={disabled}
          error={error}
          maxLength={field.maxLength}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
