import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useObjections } from '../../features/objections/api/get-objections.js';
import { useProvisionalResults } from '../../features/objections/api/get-provisional-results.js';
import { ObjectionFormDialog } from '../../features/objections/components/objection-form-dialog.js';
import { ObjectionList } from '../../features/objections/components/objection-list.js';
import { ProvisionalRanking } from '../../features/objections/components/provisional-ranking.js';
import { ProvisionalScorecard } from '../../features/objections/components/provisional-scorecard.js';
import { formatDateTime } from '../../lib/format.js';
import { districtsOf, hasRole } from '../../lib/roles.js';
import type { ProvisionalResults, ProvisionalScorecard as Scorecard } from '../../types/work-api.js';
import { CycleYearPicker } from '../cycle-year-picker.js';
import styles from '../page.module.css';
import work from '../work.module.css';

/**
 * Provisional results and objections. District users see every district's provisional rank, their own scorecard,
 * and file an objection per indicator before the deadline (Korea time); the city admin decides each objection.
 */
export default function ObjectionsPage() {
  const { t } = useTranslation();
  const params = useParams();
  const year = Number(params.year);
  const me = useMe();
  const results = useProvisionalResults(year);
  const own = districtsOf(me.data, 'district_officer', 'district_approver');
  const isCity = hasRole(me.data, 'city_admin', 'auditor');

  if (!Number.isInteger(year)) return <NotFound />;
  return (
    <>
      <PageTitle title={t('objections.pageTitle', { year })} />
      <div className={styles.header}>
        <h1>{t('objections.heading', { year })}</h1>
        <p className={styles.lead}>{isCity ? t('objections.leadCity') : t('objections.lead')}</p>
      </div>
      <CycleYearPicker year={year} to={paths.objections} />
      <QueryState query={results}>
        {(data) =>
          data === null ? (
            <EmptyState title={t('objections.notYetTitle')} text={t('objections.notYetText')} />
          ) : (
            <Content year={year} results={data} own={own} isCity={isCity} canDecide={hasRole(me.data, 'city_admin')} />
          )
        }
      </QueryState>
    </>
  );
}

function Content({ year, results, own, isCity, canDecide }: { year: number; results: ProvisionalResults; own: string[]; isCity: boolean; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const objections = useObjections(year);
  const [objecting, setObjecting] = useState<{ district: string; indicator: Scorecard['indicators'][number] } | null>(null);
  const due = results.objectionsDueAt;
  const windowOpen = results.cycleStatus === 'objections' && (due === null || new Date(due).getTime() > Date.now());
  const ownCards = results.scorecards.filter((card) => own.includes(card.code));

  return (
    <>
      <dl className={work.facts}>
        <div>
          <dt>{t('objections.deadline')}</dt>
          <dd>{due === null ? t('district.noDeadline') : `${formatDateTime(due, i18n.language)} ${t('district.kst')}`}</dd>
        </div>
        <div>
          <dt>{t('district.stage')}</dt>
          <dd>{t(`stages.${results.cycleStatus}`)}</dd>
        </div>
        <div>
          <dt>{t('objections.run')}</dt>
          <dd>{formatDateTime(results.runCreatedAt, i18n.language)}</dd>
        </div>
      </dl>
      {own.length > 0 && (
        <Alert tone={windowOpen ? 'info' : 'warning'}>{windowOpen ? t('objections.windowOpen') : t('objections.windowClosed')}</Alert>
      )}

      {ownCards.map((card) => (
        <section key={card.code} className={styles.section} aria-labelledby={`scorecard-${card.code}`}>
          <h2 id={`scorecard-${card.code}`}>{t('objections.scorecard.heading', { name: card.name })}</h2>
          <ProvisionalScorecard
            scorecard={card}
            objections={objections.data ?? []}
            canObject={windowOpen}
            onObject={(indicator) => setObjecting({ district: card.code, indicator })}
          />
        </section>
      ))}

      <section className={styles.section} aria-labelledby="objection-list-heading">
        <h2 id="objection-list-heading">{isCity ? t('objections.list.headingCity') : t('objections.list.heading')}</h2>
        <QueryState query={objections} isEmpty={(list) => list.length === 0} empty={<p className={styles.meta}>{t('objections.list.empty')}</p>}>
          {(list) => <ObjectionList year={year} objections={list} canDecide={canDecide && results.cycleStatus === 'objections'} withdrawFor={windowOpen ? own : []} showDistrict={isCity} />}
        </QueryState>
      </section>

      <section className={styles.section} aria-labelledby="ranking-heading">
        <h2 id="ranking-heading">{t('objections.ranking.heading')}</h2>
        <ProvisionalRanking results={results} own={own} />
      </section>

      <ObjectionFormDialog year={year} district={objecting?.district ?? ''} indicator={objecting?.indicator ?? null} onClose={() => setObjecting(null)} />
    </>
  );
}
