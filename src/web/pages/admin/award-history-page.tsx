import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { ButtonLink } from '../../components/ui/button.js';
import { FileUpload } from '../../components/ui/file-upload.js';
import { TextField } from '../../components/ui/form-field.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import tableStyles from '../../components/ui/table.module.css';
import { awardHistoryTemplateUrl, useAwardHistory, useImportAwardHistory } from '../../features/award-history/api/award-history.js';
import { ImportErrorsTable } from '../../features/imports/components/import-errors-table.js';
import { formatNumber, formatScore } from '../../lib/format.js';
import { ApiError } from '../../lib/problem-details.js';
import { hasRole } from '../../lib/roles.js';
import { useMe } from '../../features/auth/api/get-me.js';
import type { AwardHistoryEntry, AwardHistoryImportResult } from '../../types/index.js';
import styles from '../page.module.css';

type Outcome = { kind: 'done'; result: AwardHistoryImportResult } | { kind: 'refused'; error: ApiError; fileName: string };

const COLUMN_KEYS = ['year', 'code', 'name', 'tier', 'rank', 'score', 'prize', 'source', 'note'] as const;

/**
 * 수상 이력 (city admin): the award results of years before the product ran the evaluation, by year and district,
 * and the import of a CSV/xlsx of them — refused as a whole with one row per problem (row, column, reason).
 */
export default function AwardHistoryPage() {
  const { t } = useTranslation();
  const history = useAwardHistory();
  const me = useMe();
  // The auditor reads the history; only the city admin imports.
  const canImport = hasRole(me.data, 'city_admin');
  const importFile = useImportAwardHistory();
  const [source, setSource] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fileName = useRef('');

  const columnName = (key: string | undefined): string | undefined => {
    const known = COLUMN_KEYS.find((k) => k === key);
    return known === undefined ? key : t(`awardHistory.columns.${known}`);
  };

  return (
    <>
      <PageTitle title={t('awardHistory.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('awardHistory.heading')}</h1>
        <p className={styles.lead}>{t('awardHistory.intro')}</p>
      </div>

      {canImport && (
        <section className={styles.section} aria-labelledby="award-import-heading">
          <div className={styles.sectionHeader}>
            <h2 id="award-import-heading">{t('awardHistory.upload.heading')}</h2>
            <ButtonLink variant="secondary" href={awardHistoryTemplateUrl()} download>
              {t('awardHistory.upload.template')}
            </ButtonLink>
          </div>
          <TextField
            label={t('awardHistory.upload.sourceLabel')}
            hint={t('awardHistory.upload.sourceHint')}
            value={source}
            maxLength={200}
            onChange={(event) => setSource(event.target.value)}
          />
          <FileUpload
            label={t('awardHistory.upload.fileLabel')}
            hint={t('awardHistory.upload.fileHint')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            buttonLabel={t('awardHistory.upload.submit')}
            upload={async (file) => {
              setOutcome(null);
              fileName.current = file.name;
              setOutcome({ kind: 'done', result: await importFile(file, source) });
            }}
            onError={(error) => {
              // A checked file's problems get a table of their own; other failures stay at the field.
              if (error instanceof ApiError && error.status === 400 && error.code === 'award_history_invalid') {
                setOutcome({ kind: 'refused', error, fileName: fileName.current });
                return true;
              }
              return false;
            }}
          />
          <div aria-live="polite">
            {outcome?.kind === 'done' && (
              <Alert tone="success" role="status" title={t('awardHistory.upload.doneTitle')}>
                <p>
                  {t('awardHistory.upload.done', {
                    rows: formatNumber(outcome.result.rows),
                    years: outcome.result.years.join(', '),
                    awarded: formatNumber(outcome.result.awarded),
                  })}
                </p>
              </Alert>
            )}
            {outcome?.kind === 'refused' && (
              <Alert tone="danger" role="alert" title={t('awardHistory.upload.refusedTitle', { count: outcome.error.errors.length })}>
                <ImportErrorsTable
                  caption={t('awardHistory.upload.errorsCaption', { name: outcome.fileName })}
                  total={outcome.error.errors.length}
                  errors={outcome.error.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: columnName(e.column), message: e.message }))}
                />
              </Alert>
            )}
          </div>
        </section>
      )}

      <section className={styles.section} aria-labelledby="award-list-heading">
        <h2 id="award-list-heading">{t('awardHistory.list.heading')}</h2>
        <QueryState
          query={history}
          isEmpty={(rows) => rows.length === 0}
          empty={<EmptyState title={t('awardHistory.list.empty')} text={t('awardHistory.list.emptyText')} />}
        >
          {(rows) => <HistoryByYear rows={rows} />}
        </QueryState>
      </section>
    </>
  );
}

function HistoryByYear({ rows }: { rows: AwardHistoryEntry[] }) {
  const { t } = useTranslation();
  const years = useMemo(() => {
    const by = new Map<number, AwardHistoryEntry[]>();
    for (const r of rows) by.set(r.year, [...(by.get(r.year) ?? []), r]);
    return [...by.entries()].sort((a, b) => b[0] - a[0]);
  }, [rows]);
  const demo = rows.some((r) => r.source === 'demo');
  return (
    <>
      {demo && (
        <Alert tone="info" title={t('awardHistory.demoNotice')}>
          {null}
        </Alert>
      )}
      {years.map(([year, entries]) => (
        <section key={year} className={styles.section} aria-labelledby={`award-year-${year}`}>
          <div className={styles.sectionHeader}>
            <h3 id={`award-year-${year}`}>{t('awardHistory.list.yearHeading', { year })}</h3>
            <span className={styles.meta}>
              {t('awardHistory.list.yearSummary', { units: entries.length, awarded: entries.filter((e) => e.tier !== null).length })}
            </span>
          </div>
          <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('awardHistory.list.caption', { year })}>
            <table className={tableStyles.table}>
              <caption className="visually-hidden">{t('awardHistory.list.caption', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('awardHistory.columns.unit')}</th>
                  <th scope="col">{t('awardHistory.columns.tier')}</th>
                  <th scope="col" className={tableStyles.num}>
                    {t('awardHistory.columns.rank')}
                  </th>
                  <th scope="col" className={tableStyles.num}>
                    {t('awardHistory.columns.score')}
                  </th>
                  <th scope="col" className={tableStyles.num}>
                    {t('awardHistory.columns.prize')}
                  </th>
                  <th scope="col">{t('awardHistory.columns.source')}</th>
                  <th scope="col">{t('awardHistory.columns.note')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      {e.orgUnitName} <span className={styles.meta}>{e.orgUnitCode}</span>
                    </th>
                    <td>{e.tierName ?? t('awardHistory.list.noAward')}</td>
                    <td className={tableStyles.num}>{e.rank === null ? '–' : formatNumber(e.rank)}</td>
                    <td className={tableStyles.num}>{e.score === null ? '–' : formatScore(e.score)}</td>
                    <td className={tableStyles.num}>{e.prize === null ? '–' : t('awardHistory.list.won', { amount: formatNumber(e.prize) })}</td>
                    <td>{e.source}</td>
                    <td>{e.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
