import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/ui/form-field.js';
import formStyles from '../../../components/ui/form.module.css';
import type { MethodDefinition, MethodType } from '../../../types/index.js';
import { defaultMethod } from './framework-draft.js';
import type { LocatedError } from './framework-errors.js';
import { errorAt } from './framework-errors.js';
import { NumberInput } from './number-input.js';
import styles from './framework-editor.module.css';

export const methodTypes: MethodType[] = ['minmax', 'zscore', 'rank', 'percentile', 'target', 'goalposts', 'bands', 'yoy', 'passthrough'];

type NumericParam = 'mean' | 'sd' | 'target' | 'cap' | 'lo' | 'hi' | 'max';

/** Number lists such as band thresholds are typed as "5, 10, 20". */
function parseList(text: string): number[] {
  return text
    .split(/[,;\s]+/)
    .filter((s) => s !== '')
    .map(Number);
}

interface MethodEditorProps {
  method: MethodDefinition;
  onChange: (method: MethodDefinition) => void;
  errors: LocatedError[] | undefined;
  qualitative: boolean;
}

/** The normalisation method of an indicator and its parameters (target, goalposts, bands…). */
export function MethodEditor({ method, onChange, errors, qualitative }: MethodEditorProps) {
  const { t } = useTranslation();
  const id = useId();

  const numberField = (param: NumericParam, value: number) => {
    const error = errorAt(errors, `method.${param}`);
    const inputId = `${id}-${param}`;
    return (
      <div className={formStyles.field} key={param}>
        <label className={formStyles.label} htmlFor={inputId}>
          {t(`framework.methodParams.${param}`)}
        </label>
        <NumberInput
          id={inputId}
          className={formStyles.control}
          value={value}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : `${inputId}-error`}
          onValueChange={(v) => onChange({ ...method, [param]: v ?? Number.NaN } as MethodDefinition)}
        />
        {error !== undefined && (
          <p id={`${inputId}-error`} className={formStyles.error}>
            {error}
          </p>
        )}
      </div>
    );
  };

  const typeError = errors?.find((e) => e.path === 'method.type')?.message;
  // Rules over several parameters (lo ≠ hi, one more score than thresholds) name the method as a whole.
  const methodError = errors?.find((e) => e.path === 'method')?.message;

  return (
    <fieldset className={styles.method}>
      <legend>{t('framework.fields.method')}</legend>
      <SelectField
        label={t('framework.fields.methodType')}
        value={method.type}
        error={typeError}
        onChange={(event) => onChange(defaultMethod(event.target.value as MethodType))}
      >
        {methodTypes.map((type) => (
          <option key={type} value={type}>
            {t(`framework.methods.${type}`)}
          </option>
        ))}
      </SelectField>
      {method.type === 'zscore' && [numberField('mean', method.mean), numberField('sd', method.sd)]}
      {method.type === 'target' && [numberField('target', method.target), numberField('cap', method.cap)]}
      {method.type === 'goalposts' && [numberField('lo', method.lo), numberField('hi', method.hi)]}
      {method.type === 'passthrough' && numberField('max', method.max)}
      {method.type === 'bands' && (
        <>
          <TextField
            label={t('framework.methodParams.thresholds')}
            hint={t('framework.methodParams.listHint')}
            defaultValue={method.thresholds.join(', ')}
            error={errorAt(errors, 'method.thresholds')}
            onChange={(event) => onChange({ ...method, thresholds: parseList(event.target.value) })}
          />
          <TextField
            label={t('framework.methodParams.scores')}
            hint={t('framework.methodParams.scoresHint')}
            defaultValue={method.scores.join(', ')}
            error={errorAt(errors, 'method.scores')}
            onChange={(event) => onChange({ ...method, scores: parseList(event.target.value) })}
          />
        </>
      )}
      {methodError !== undefined && <p className={styles.methodError}>⚠ {methodError}</p>}
      <p className={styles.methodNote}>
        {t(`framework.methodNotes.${method.type}`)}
        {qualitative && method.type !== 'passthrough' && ` ${t('framework.methodNotes.qualitativeNeedsPassthrough')}`}
      </p>
    </fieldset>
  );
}
