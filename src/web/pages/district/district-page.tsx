import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../components/ui/badge.js';
import { ItemStatusBadge } from '../../components/ui/item-status-badge.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { TabPanel, Tabs } from '../../components/ui/tabs.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useCycles } from '../../features/cycles/api/get-cycles.js';
import { CycleSelector } from '../../features/cycles/components/cycle-selector.js';
import { useFramework } from '../../features/frameworks/api/get-framework.js';
import { guidanceByCode } from '../../features/frameworks/components/guidance-panel.js';
import { ImportPanel } from '../../features/imports/components/import-panel.js';
import { useRecordTypes } from '../../features/records/api/get-record-types.js';
import { recordsQueryKey } from '../../features/records/api/get-records.js';
import { RecordsPanel } from '../../features/records/components/records-panel.js';
import { submissionsQueryKey, useSubmissions } from '../../features/submissions/api/get-submissions.js';
import { IndicatorValues } from '../../features/submissions/components/indicator-values.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { localized } from '../../lib/localized.js';
import { districtsOf, hasRole } from '../../lib/roles.js';
import type { ItemStatus } from '../../types/index.js';
import type { DistrictSubmissions } from '../../types/index.js';
import { useFeedback } from '../../features/reviews/api/get-feedback.js';
import { FeedbackList } from '../../features/reviews/components/feedback-list.js';
import styles from '../page.module.css';
import work from '../work.module.css';

const tabs = ['records', 'import', 'values', 'feedback'] as const;
/** Stages in which the panel's comments have come back to the district (after the final results). */
const FEEDBACK_STAGES = ['final', 'published'];
type Tab = (typeof tabs)[number];
const statusOrder: ItemStatus[] = ['not_started', 'draft', 'submitted', 'approved', 'returned', 'verified'];

/**
 * A district's workspace for one cycle: activity records (form per record type), spreadsheet import (template,
 * upload, row errors, background jobs) and indicator values (computed preview, evidence, submit; approve for the
 * approver). `?tab=` picks the tab, `?indicator=` opens one indicator (links from notifications).
 */
export default function DistrictPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const queryClient = useQueryClient();
  const me = useMe();
  const code = params.code ?? '';
  const year = Number(params.year);
  const submissions = useSubmissions(year, code);
  const recordTypes = useRecordTypes();
  const framework = useFramework(year);
  const cycles = useCycles();

  if (!Number.isInteger(year) || code === '') return <NotFound />;

  const isOfficer = districtsOf(me.data, 'district_officer').includes(code);
  const isApprover = districtsOf(me.data, 'district_approver').includes(code);
  const openIndicator = search.get('indicator');
  const requested = search.get('tab');
  const tab: Tab = tabs.includes(requested as Tab) ? (requested as Tab) : openIndicator !== null || (isApprover && !isOfficer) ? 'values' : 'records';
  const selectTab = (next: string) =>
    setSearch(
      (current) => {
        const params = new URLSearchParams(current);
        params.set('tab', next);
        params.delete('indicator');
        return params;
      },
      { replace: true },
    );

  const refreshValues = () => queryClient.invalidateQueries({ queryKey: submissionsQueryKey(year, code) });
  const refreshAll = () => {
    void queryClient.invalidateQueries({ queryKey: recordsQueryKey(code) });
    void refreshValues();
  };
  const name = submissions.data?.district.name;
  const language = i18n.language;
  const recordTypeList = recordTypes.data ?? [];

  return (
    <>
      <PageTitle title={name === undefined ? t('district.pageTitle') : `${name} ${t('common.year', { year })} ${t('district.pageTitle')}`} />
      <div className={styles.header}>
        <h1>{name === undefined ? t('district.headingFallback') : t('district.heading', { name })}</h1>
        <p className={styles.lead}>{isApprover && !isOfficer ? t('district.leadApprover') : t('district.lead')}</p>
      </div>
      <QueryState query={submissions}>
        {(data) => (
          <>
            <DistrictFacts
              data={data}
              demo={cycles.data?.find((c) => c.year === year)?.isDemo === true}
              cycleSelector={
                cycles.data !== undefined && cycles.data.length > 1 ? (
                  <CycleSelector cycles={cycles.data} year={year} label={t('district.cycle')} onChange={(y) => void navigate(paths.district(code, y, tab))} />
                ) : null
              }
            />
            {!(isOfficer && ['open', 'verification'].includes(data.cycleStatus)) && !isApprover && !hasRole(me.data, 'city_admin', 'auditor') && (
              <p className={styles.notice}>{t('district.readOnlyStage', { stage: t(`stages.${data.cycleStatus}`) })}</p>
            )}
            <Tabs
              label={t('district.tabsLabel')}
              idPrefix="district"
              tabs={tabs.filter((id) => id !== 'feedback' || FEEDBACK_STAGES.includes(data.cycleStatus)).map((id) => ({ id, label: t(`district.tabs.${id}`) }))}
              selected={tab}
              onSelect={selectTab}
            />
            <TabPanel idPrefix="district" id={tab}>
              {tab === 'records' && (
                <QueryState query={recordTypes}>
                  {(types) => (
                    <RecordsPanel
                      code={code}
                      year={year}
                      recordTypes={types}
                      canEdit={isOfficer && data.cycleStatus === 'open'}
                      onChanged={() => void refreshValues()}
                    />
                  )}
                </QueryState>
              )}
              {tab === 'import' && (
                <ImportPanel
                  code={code}
                  year={year}
                  recordTypes={recordTypeList.filter((x) => x.active).map((x) => ({ code: x.code, name: localized(x.name, language) }))}
                  canImport={isOfficer && data.cycleStatus === 'open'}
                  onImported={refreshAll}
                />
              )}
              {tab === 'feedback' && FEEDBACK_STAGES.includes(data.cycleStatus) && <DistrictFeedback year={year} code={code} />}
              {tab === 'values' && (
                <IndicatorValues
                  data={data}
                  fields={framework.data?.definition.fields ?? []}
                  recordTypes={recordTypeList}
                  guidance={guidanceByCode(framework.data?.definition)}
                  isOfficer={isOfficer}
                  openIndicator={openIndicator}
                  onReload={() => submissions.refetch()}
                />
              )}
            </TabPanel>
          </>
        )}
      </QueryState>
    </>
  );
}

function DistrictFacts({ data, demo, cycleSelector }: { data: DistrictSubmissions; demo: boolean; cycleSelector: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className={work.factsRow}>
        {cycleSelector !== null && <div className={work.yearSelect}>{cycleSelector}</div>}
        <dl className={work.facts}>
          <div>
            <dt>{t('district.stage')}</dt>
            <dd>{t(`stages.${data.cycleStatus}`)}</dd>
          </div>
          <div>
            <dt>{t('district.deadline')}</dt>
            <dd>
              {data.deadline.dueAt === null ? t('district.noDeadline') : `${formatDateTime(data.deadline.dueAt, i18n.language)} ${t('district.kst')}`}
              {data.deadline.passed && <span className={work.warning}> · {t('district.deadlinePassed')}</span>}
            </dd>
          </div>
        </dl>
        {demo && <DemoBadge />}
      </div>
      <ul className={work.totals} aria-label={t('district.totalsLabel')}>
        {statusOrder.map((status) => (
          <li key={status}>
            <ItemStatusBadge status={status} />
            <strong>{formatNumber(data.totals[status] ?? 0)}</strong>
          </li>
        ))}
      </ul>
    </>
  );
}

function DistrictFeedback({ year, code }: { year: number; code: string }) {
  const feedback = useFeedback(year, code);
  return <QueryState query={feedback}>{(data) => <FeedbackList feedback={data} />}</QueryState>;
}
