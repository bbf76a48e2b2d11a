import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../components/ui/badge.js';
import { SelectField } from '../../components/ui/form-field.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useCycleResults } from '../../features/results/api/get-cycle-results.js';
import { useCycles } from '../../features/results/api/get-cycles.js';
import { formatScore } from '../../lib/format.js';
import styles from '../page.module.css';
import local from './scorecards-page.module.css';

const collator = new Intl.Collator('ko-KR');

/** The way into the scorecards: pick a year, then a district (in name order, with its rank and score). */
export default function ScorecardsPage() {
  const { t } = useTranslation();
  const cycles = useCycles();
  const [search, setSearch] = useSearchParams();
  const requested = Number(search.get('year'));
  const year = Number.isInteger(requested) && requested > 0 ? requested : cycles.data?.[0]?.year;
  const results = useCycleResults(year);

  return (
    <>
      <PageTitle title={t('scorecards.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('scorecards.heading')}</h1>
        <p className={styles.lead}>{t('scorecards.intro')}</p>
      </div>
      <QueryState query={cycles} isEmpty={(c) => c.length === 0} empty={<EmptyState title={t('results.empty')} />}>
        {(list) => (
          <>
            <div className={local.picker}>
              <SelectField label={t('scorecards.yearLabel')} value={year ?? ''} onChange={(e) => setSearch({ year: e.target.value })}>
                {list.map((c) => (
                  <option key={c.year} value={c.year}>
                    {t('common.year', { year: c.year })}
                  </option>
                ))}
              </SelectField>
            </div>
            <QueryState query={results}>
              {(r) => (
                <section aria-labelledby="districts-heading">
                  <div className={styles.sectionHeader}>
                    <h2 id="districts-heading">{t('scorecards.listHeading', { year: r.year })}</h2>
                    {r.demo && <DemoBadge />}
                  </div>
                  <ul className={local.grid}>
                    {[...r.units]
                      .sort((a, b) => collator.compare(a.name, b.name))
                      .map((u) => (
                        <li key={u.code}>
                          <Link className={local.card} to={paths.scorecard(r.year, u.code)}>
                            <strong>{u.name}</strong>
                            <span>
                              {t('common.rankUnit', { rank: u.rank })} · {t('common.scoreUnit', { score: formatScore(u.score) })}
                            </span>
                          </Link>
                        </li>
                      ))}
                  </ul>
                </section>
              )}
            </QueryState>
          </>
        )}
      </QueryState>
    </>
  );
}
