import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/ui/form-field.js';
import type { Cycle } from '../../../types/index.js';

interface CycleSelectorProps {
  cycles: Cycle[];
  year: number;
  onChange: (year: number) => void;
  label?: string;
}

/** Picks a cycle by year; each option names the cycle's stage. */
export function CycleSelector({ cycles, year, onChange, label }: CycleSelectorProps) {
  const { t } = useTranslation();
  return (
    <SelectField label={label ?? t('cycles.selectorLabel')} value={year} onChange={(event) => onChange(Number(event.target.value))}>
      {cycles.map((cycle) => (
        <option key={cycle.year} value={cycle.year}>
          {t('cycles.option', { year: cycle.year, stage: t(`stages.${cycle.status}`) })}
        </option>
      ))}
    </SelectField>
  );
}

/** The cycle to open first: the newest one still in progress, else the newest. */
export function defaultCycleYear(cycles: Cycle[]): number | undefined {
  return (cycles.find((c) => c.status !== 'published') ?? cycles[0])?.year;
}
