import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { useCycles } from '../../features/cycles/api/get-cycles.js';
import { defaultCycleYear } from '../../features/cycles/components/cycle-selector.js';

/** Sends a year-less address (from the menu) on to the cycle in progress. */
export function CurrentCycleRedirect({ to }: { to: (year: number) => string }) {
  const { t } = useTranslation();
  const cycles = useCycles();
  return (
    <QueryState query={cycles} isEmpty={(list) => list.length === 0} empty={<EmptyState title={t('dashboard.noCycles')} />}>
      {(list) => {
        const year = defaultCycleYear(list);
        return year === undefined ? null : <Navigate to={to(year)} replace />;
      }}
    </QueryState>
  );
}
