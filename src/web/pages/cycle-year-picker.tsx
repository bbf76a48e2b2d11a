import { useNavigate } from 'react-router';
import { useCycles } from '../features/cycles/api/get-cycles.js';
import { CycleSelector } from '../features/cycles/components/cycle-selector.js';
import work from './work.module.css';

/** The year picker of a workspace page: choosing a cycle opens the same page for that year. */
export function CycleYearPicker({ year, to }: { year: number; to: (year: number) => string }) {
  const navigate = useNavigate();
  const cycles = useCycles();
  if (cycles.data === undefined) return null;
  return (
    <div className={work.factsRow}>
      <div className={work.yearSelect}>
        <CycleSelector cycles={cycles.data} year={year} onChange={(y) => void navigate(to(y))} />
      </div>
    </div>
  );
}
