import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { paths } from '../../config/paths.js';
import { useAdjustmentPage } from '../../features/adjustments/api/adjustments.js';
import { AdjustmentForm } from '../../features/adjustments/components/adjustment-form.js';
import { AdjustmentList } from '../../features/adjustments/components/adjustment-list.js';
import { AdjustmentTotals } from '../../features/adjustments/components/adjustment-totals.js';
import styles from '../../features/adjustments/components/adjustments.module.css';
import { useMe } from '../../features/auth/api/get-me.js';
import { localized } from '../../lib/localized.js';
import { hasRole } from '../../lib/roles.js';
import { CycleYearPicker } from '../cycle-year-picker.js';
import page from '../page.module.css';

/**
 * 가점·감점 of a cycle. The city sees every district's totals against the framework's caps, enters, changes,
 * withdraws and (a second staff member) confirms entries, and reads each entry's history; a district sees its own
 * entries with reason, evidence and who/when, and objects to one during the objection period.
 */
export default function AdjustmentsPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const year = Number(params.year);
  const me = useMe();
  const query = useAdjustmentPage(year);
  const isCity = hasRole(me.data, 'city_admin', 'auditor');
  if (!Number.isInteger(year)) return <NotFound />;
  return (
    <>
      <PageTitle title={t('adjustments.pageTitle', { year })} />
      <div className={page.header}>
        <h1>{t('adjustments.heading', { year })}</h1>
        <p className={page.lead}>{isCity ? t('adjustments.leadCity') : t('adjustments.leadDistrict')}</p>
      </div>
      <CycleYearPicker year={year} to={paths.adjustments} />
      <QueryState query={query}>
        {(data) => (
          <>
            {data.locked && <Alert tone="info">{t('adjustments.locked')}</Alert>}
            <section className={page.section} aria-labelledby="adjustment-rules-heading">
              <h2 id="adjustment-rules-heading">{t('adjustments.rules.heading')}</h2>
              <p>
                {t('adjustments.rules.caps', {
                  bonus: data.bonusCap === null ? t('adjustments.rules.noCap') : `+${data.bonusCap}`,
                  penalty: data.penaltyCap === null ? t('adjustments.rules.noCap') : `−${data.penaltyCap}`,
                })}
              </p>
              <ul className={styles.rules}>
                {data.rules.map((r) => (
                  <li key={r.code}>
                    {t(`adjustments.kind.${r.kind}`)} · {r.code} {localized(r.name, i18n.language)} —{' '}
                    {r.cap === null ? t('adjustments.rules.noCap') : t('adjustments.rules.cap', { cap: r.kind === 'bonus' ? `+${r.cap}` : `−${r.cap}` })}
                    {r.automatic && ` · ${t('adjustments.rules.automatic')}`}
                  </li>
                ))}
              </ul>
            </section>
            <section className={page.section} aria-labelledby="adjustment-totals-heading">
              <h2 id="adjustment-totals-heading">{t('adjustments.totals.heading')}</h2>
              <AdjustmentTotals page={data} />
            </section>
            {data.canEnter && (
              <section className={page.section} aria-labelledby="adjustment-form-heading">
                <h2 id="adjustment-form-heading">{t('adjustments.form.heading')}</h2>
                <AdjustmentForm page={data} />
              </section>
            )}
            <section className={page.section} aria-labelledby="adjustment-list-heading">
              <h2 id="adjustment-list-heading">{isCity ? t('adjustments.list.heading') : t('adjustments.list.headingDistrict')}</h2>
              {data.adjustments.length === 0 ? <p>{t('adjustments.list.empty')}</p> : <AdjustmentList page={data} showDistrict={isCity} />}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
