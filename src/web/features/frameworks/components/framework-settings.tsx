import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/ui/form-field.js';
import type { FrameworkDefinition } from '../../../types/index.js';
import { populationYearOf, type PopulationYearRule } from './framework-draft.js';
import styles from './framework-editor.module.css';

interface FrameworkSettingsProps {
  definition: FrameworkDefinition;
  onPopulationYearChange: (rule: PopulationYearRule) => void;
  readOnly: boolean;
}

/** Settings of the framework as a whole, saved with the draft like the indicators: the population year of per-capita indicators. */
export function FrameworkSettings({ definition, onPopulationYearChange, readOnly }: FrameworkSettingsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className={styles.settings} disabled={readOnly}>
      <legend>{t('framework.settings.heading')}</legend>
      <SelectField
        label={t('framework.settings.populationYear')}
        hint={t('framework.settings.populationYearHint')}
        value={populationYearOf(definition)}
        onChange={(e) => onPopulationYearChange(e.target.value === 'latest_available' ? 'latest_available' : 'cycle')}
      >
        <option value="cycle">{t('framework.settings.populationYearCycle')}</option>
        <option value="latest_available">{t('framework.settings.populationYearLatest')}</option>
      </SelectField>
    </fieldset>
  );
}
