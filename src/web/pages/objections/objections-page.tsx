import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { SelectField } from '../../components/ui/form-field.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useObjections } from '../../features/objections/api/get-objections.js';
import { useProvisionalResults } from '../../features/objections/api/get-provisional-results.js';
import { useObjectionSettings } from '../../features/objections/api/objection-settings.js';
import { ObjectionFormDialog } from '../../features/objections/components/objection-form-dialog.js';
import { ObjectionList } from '../../features/objections/components/objection-list.js';
import { ObjectionSettingsForm } from '../../features/objections/components/objection-settings-form.js';
import { ProvisionalRanking } from '../../features/objections/components/provisional-ranking.js';
import { ProvisionalScorecard } from '../../features/objections/components/provisional-scorecard.js';
import { formatDateTime } from '../../lib/format.js';
import { districtsOf, hasRole } from '../../lib/roles.js';
import type { ProvisionalResults, ProvisionalScorecard as Scorecard } from '../../types/index.js';
import { CycleYearPicker } from '../cycle-year-picker.js';
import styles from '../page.module.css';
import work from '../work.module.css';
import objectionStyles from '../../features/objections/components/objections.module.css';

/**
 * Provisional results and objections in stages, as the national joint evaluation runs them. Every district sees
 * every district's provisional figures and may object to its own or another's before the filing deadline; the
 * district concerned replies within its window; the city (or the cycle's committee) decides. Deadlines in Korea time.
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
            <Content year={year} results={data} own={own} isCity={isCity} isAdmin={hasRole(me.data, 'city_admin')} />
          )
        }
      </QueryState>
    </>
  );
}

function Content({ year, results, own, isCity, isAdmin }: { year: number; results: ProvisionalResults; own: string[]; isCity: boolean; isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const objections = useObjections(year);
  const settings = useObjectionSettings(year);
  const [shown, setShown] = useState<string>(own[0] ?? results.scorecards[0]?.code ?? '');
  const [objecting, setObjecting] = useState<Scorecard['indicators'][number] | null>(null);
  const { schedule } = results;
  const when = (iso: string | null) => (iso === null ? t('district.noDeadline') : `${formatDateTime(iso, i18n.language)} ${t('district.kst')}`);
  const filingOpen = results.cycleStatus === 'objections' && (schedule.filingDueAt === null || new Date(schedule.filingDueAt).getTime() > Date.now());
  const card = results.scorecards.find((c) => c.code === shown) ?? results.scorecards[0];
  const filer = own.includes(card?.code ?? '') ? card!.code : (own[0] ?? '');

  return (
    <>
      <dl className={work.facts} aria-label={t('objections.schedule')}>
        <div>
          <dt>{t('district.stage')}</dt>
          <dd>{t(`stages.${results.cycleStatus}`)}</dd>
        </div>
        <div>
          <dt>{t('objections.deadline')}</dt>
          <dd>{when(schedule.filingDueAt)}</dd>
        </div>
        <div>
          <dt>{t('objections.replyDeadline')}</dt>
          <dd>{when(schedule.replyDueAt)}</dd>
        </div>
        <div>
          <dt>{t('objections.decisionDeadline')}</dt>
          <dd>{when(schedule.decisionDueAt)}</dd>
        </div>
        <div>
          <dt>{t('objections.deciders')}</dt>
          <dd>
            {settings.data === undefined
              ? '…'
              : settings.data.committee.length === 0
                ? t('objections.decidersCity')
                : settings.data.committee.map((m) => m.displayName).join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('objections.run')}</dt>
          <dd>{formatDateTime(results.runCreatedAt, i18n.language)}</dd>
        </div>
      </dl>
      {own.length > 0 && <Alert tone={filingOpen ? 'info' : 'warning'}>{filingOpen ? t('objections.windowOpen') : t('objections.windowClosed')}</Alert>}

      {isAdmin && settings.data !== undefined && (
        <section className={styles.section} aria-labelledby="objection-settings-heading">
          <h2 id="objection-settings-heading">{t('objections.settings.heading')}</h2>
          <ObjectionSettingsForm year={year} settings={settings.data} />
        </section>
      )}

      <section className={styles.section} aria-labelledby="objection-list-heading">
        <h2 id="objection-list-heading">{isCity ? t('objections.list.headingCity') : t('objections.list.heading')}</h2>
        <QueryState query={objections} isEmpty={(list) => list.length === 0} empty={<p className={styles.meta}>{t('objections.list.empty')}</p>}>
          {(list) => <ObjectionList year={year} objections={list} schedule={schedule} />}
        </QueryState>
      </section>

      {card !== undefined && (
        <section className={styles.section} aria-labelledby="scorecard-heading">
          <h2 id="scorecard-heading">{t('objections.scorecard.heading', { name: card.name })}</h2>
          <SelectField className={objectionStyles.picker} label={t('objections.scorecard.pick')} value={card.code} onChange={(e) => setShown(e.target.value)}>
            {results.scorecards.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
                {own.includes(c.code) ? ` ${t('objections.ranking.own')}` : ''}
              </option>
            ))}
          </SelectField>
          <ProvisionalScorecard
            scorecard={card}
            objections={objections.data ?? []}
            canObject={filingOpen && own.length > 0}
            onObject={(indicator) => setObjecting(indicator)}
          />
        </section>
      )}

      <section className={styles.section} aria-labelledby="ranking-heading">
        <h2 id="ranking-heading">{t('objections.ranking.heading')}</h2>
        <ProvisionalRanking results={results} own={own} />
      </section>

      {card !== undefined && (
        <ObjectionFormDialog
          year={year}
          district={{ code: card.code, name: card.name }}
          filer={filer}
          indicator={objecting}
          onClose={() => setObjecting(null)}
        />
      )}
    </>
  );
}
