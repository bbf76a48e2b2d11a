import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useOrgUnits } from '../../features/audit/api/get-org-units.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useCycles } from '../../features/cycles/api/get-cycles.js';
import { defaultCycleYear } from '../../features/cycles/components/cycle-selector.js';
import { districtsOf } from '../../lib/roles.js';
import styles from '../page.module.css';
import work from '../work.module.css';

/**
 * `/district`: a district officer or approver goes straight to their district's workspace for the cycle in
 * progress; the city admin and the auditor pick a district.
 */
export default function DistrictHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const cycles = useCycles();
  const own = districtsOf(me.data, 'district_officer', 'district_approver');
  return (
    <QueryState query={cycles} isEmpty={(list) => list.length === 0} empty={<EmptyState title={t('dashboard.noCycles')} />}>
      {(list) => {
        const year = defaultCycleYear(list);
        if (year === undefined) return null;
        if (own.length === 1 && own[0] !== undefined) return <Navigate to={paths.district(own[0], year)} replace />;
        return <DistrictChooser year={year} only={own.length > 1 ? own : null} />;
      }}
    </QueryState>
  );
}

function DistrictChooser({ year, only }: { year: number; only: string[] | null }) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  return (
    <>
      <PageTitle title={t('district.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('district.headingFallback')}</h1>
        <p className={styles.lead}>{t('district.lead')}</p>
      </div>
      <h2>{t('district.chooseDistrict')}</h2>
      <QueryState query={units}>
        {(list) => (
          <ul className={work.chooser}>
            {list
              .filter((u) => u.kind === 'district' && (only === null || only.includes(u.code)))
              .map((u) => (
                <li key={u.code}>
                  <Link to={paths.district(u.code, year)}>{u.name}</Link>
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}
