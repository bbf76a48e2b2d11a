import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { FileUpload } from '../../components/ui/file-upload.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import tableStyles from '../../components/ui/table.module.css';
import { ImportErrorsTable } from '../../features/imports/components/import-errors-table.js';
import { importPopulations, referenceDataQueryKey, useReferenceData } from '../../features/reference-data/api/reference-data.js';
import { LevelWordsForm } from '../../features/reference-data/components/level-words-form.js';
import { PopulationCell } from '../../features/reference-data/components/population-cell.js';
import { UnitGroupsEditor } from '../../features/reference-data/components/unit-groups-editor.js';
import styles from '../../features/reference-data/components/reference-data.module.css';
import { formatNumber } from '../../lib/format.js';
import { ApiError } from '../../lib/problem-details.js';
import type { PopulationImportResponse, ReferenceDataResponse } from '../../types/index.js';
import pageStyles from '../page.module.css';

type ImportOutcome = { ok: true; result: PopulationImportResponse } | { ok: false; error: ApiError };

/**
 * 기준 자료 (city admin): the unit hierarchy with the words each level is called by (edited per level), the units
 * with their level and peer groups (edited per unit), the populations per unit and year (missing figures highlighted; the cycles' years marked; a figure
 * edited in place) and the import of a population file with every bad row listed.
 */
export default function ReferenceDataPage() {
  const { t } = useTranslation();
  const query = useReferenceData();
  return (
    <>
      <PageTitle title={t('referenceData.pageTitle')} />
      <div className={pageStyles.header}>
        <h1>{t('referenceData.heading')}</h1>
        <p className={pageStyles.lead}>{t('referenceData.intro')}</p>
      </div>
      <QueryState query={query}>{(data) => <ReferenceDataView data={data} />}</QueryState>
    </>
  );
}

function ReferenceDataView({ data }: { data: ReferenceDataResponse }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const members = data.units.filter((u) => u.kind === 'district');
  const groupings = [...new Set(data.units.flatMap((u) => Object.keys(u.groups)))].sort();
  const figures = useMemo(() => new Map(data.populations.map((p) => [`${p.code}:${p.year}`, p.population])), [data.populations]);
  const missingByYear = useMemo(() => {
    const m = new Map<number, number>();
    for (const x of data.missing) m.set(x.year, (m.get(x.year) ?? 0) + 1);
    return m;
  }, [data.missing]);
  const cycleYears = new Set(data.cycleYears);
  const [editingGroups, setEditingGroups] = useState<string | null>(null);
  const [groupsSaved, setGroupsSaved] = useState<string | null>(null);
  const editedUnit = data.units.find((u) => u.code === editingGroups);
  const parentName = (code: string | null) => data.units.find((u) => u.code === code)?.[en ? 'nameEn' : 'name'] ?? '–';

  return (
    <>
      <section className={pageStyles.section} aria-labelledby="levels-heading">
        <h2 id="levels-heading">{t('referenceData.levels.heading')}</h2>
        <p className={pageStyles.meta}>{t('referenceData.levels.intro')}</p>
        <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('referenceData.levels.heading')}>
          <table className={`${tableStyles.table} ${styles.wide}`}>
            <caption className="visually-hidden">{t('referenceData.levels.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referenceData.levels.depth')}</th>
                <th scope="col">{t('referenceData.levels.nameKo')}</th>
                <th scope="col">{t('referenceData.levels.nounKo')}</th>
                <th scope="col">{t('referenceData.levels.nameEn')}</th>
                <th scope="col" className={tableStyles.num}>
                  {t('referenceData.levels.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.levels.map((l) => (
                <tr key={l.kind}>
                  <th scope="row">{l.depth === 0 ? t('referenceData.levels.top') : t('referenceData.levels.member')}</th>
                  <td>{l.nameKo}</td>
                  <td>{l.nounKo}</td>
                  <td>
                    {l.nameEn} / {l.pluralEn}
                  </td>
                  <td className={tableStyles.num}>{formatNumber(data.units.filter((u) => u.kind === l.kind).length)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.levels.map((l) => (
          <LevelWordsForm key={l.kind} level={l} />
        ))}
      </section>

      <section className={pageStyles.section} aria-labelledby="units-heading">
        <h2 id="units-heading">{t('referenceData.units.heading')}</h2>
        <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('referenceData.units.heading')}>
          <table className={`${tableStyles.table} ${styles.wide}`}>
            <caption className="visually-hidden">{t('referenceData.units.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referenceData.units.code')}</th>
                <th scope="col">{t('referenceData.units.name')}</th>
                <th scope="col">{t('referenceData.units.level')}</th>
                <th scope="col">{t('referenceData.units.parent')}</th>
                {groupings.map((g) => (
                  <th scope="col" key={g}>
                    {t('referenceData.units.grouping', { name: g })}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t('referenceData.groups.column')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.units.map((u) => (
                <tr key={u.code}>
                  <td>{u.code}</td>
                  <th scope="row">{en ? u.nameEn : u.name}</th>
                  <td>{en ? u.levelName.en : u.levelName.ko}</td>
                  <td>{u.parentCode === null ? '–' : parentName(u.parentCode)}</td>
                  {groupings.map((g) => (
                    <td key={g}>{u.groups[g] ?? '–'}</td>
                  ))}
                  <td>
                    {u.kind === 'district' && (
                      <Button
                        size="small"
                        variant="secondary"
                        aria-expanded={editingGroups === u.code}
                        onClick={() => {
                          setGroupsSaved(null);
                          setEditingGroups(u.code);
                        }}
                      >
                        {t('referenceData.groups.open')}
                        <span className="visually-hidden"> {t('referenceData.groups.openOf', { name: en ? u.nameEn : u.name })}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {groupings.length === 0 && <p className={pageStyles.meta}>{t('referenceData.units.noGroups')}</p>}
        {editedUnit !== undefined && (
          <UnitGroupsEditor
            key={editedUnit.code}
            code={editedUnit.code}
            name={en ? editedUnit.nameEn : editedUnit.name}
            groups={editedUnit.groups}
            groupings={groupings}
            onClose={() => setEditingGroups(null)}
            onSaved={() => {
              setGroupsSaved(en ? editedUnit.nameEn : editedUnit.name);
              setEditingGroups(null);
            }}
          />
        )}
        {groupsSaved !== null && (
          <Alert tone="success" role="status">
            {t('referenceData.groups.saved', { name: groupsSaved })}
          </Alert>
        )}
      </section>

      <section className={pageStyles.section} aria-labelledby="populations-heading">
        <h2 id="populations-heading">{t('referenceData.populations.heading')}</h2>
        <p className={pageStyles.meta}>{t('referenceData.populations.intro')}</p>
        {data.missing.length > 0 && (
          <Alert tone="warning" title={t('referenceData.populations.missingTitle', { count: data.missing.length })}>
            <p>
              {[...missingByYear.entries()]
                .map(([year, n]) =>
                  t('referenceData.populations.missingYear', { year, count: n, cycle: cycleYears.has(year) ? t('referenceData.populations.cycleMark') : '' }),
                )
                .join(' · ')}
            </p>
          </Alert>
        )}
        <p className={styles.legend}>
          <span className={styles.missing}>{t('referenceData.populations.missing')}</span>
          <span>{t('referenceData.populations.legendMissing')}</span>
          <span className={styles.cycleYear}>{t('referenceData.populations.legendCycle')}</span>
        </p>
        {data.years.length === 0 ? (
          <p>{t('referenceData.populations.none')}</p>
        ) : (
          <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('referenceData.populations.heading')}>
            <table className={`${tableStyles.table} ${styles.wide}`}>
              <caption className="visually-hidden">{t('referenceData.populations.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('referenceData.units.name')}</th>
                  {data.years.map((y) => (
                    <th scope="col" key={y} className={`${tableStyles.num} ${cycleYears.has(y) ? styles.cycleYear : ''}`}>
                      {t('common.year', { year: y })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {members.map((u) => (
                  <tr key={u.code}>
                    <th scope="row">{en ? u.nameEn : u.name}</th>
                    {data.years.map((y) => (
                      <PopulationCell key={y} code={u.code} name={en ? u.nameEn : u.name} year={y} population={figures.get(`${u.code}:${y}`) ?? null} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PopulationImport />
    </>
  );
}

function PopulationImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  return (
    <section className={pageStyles.section} aria-labelledby="population-import-heading">
      <h2 id="population-import-heading">{t('referenceData.import.heading')}</h2>
      <p className={pageStyles.meta}>{t('referenceData.import.intro')}</p>
      <FileUpload
        label={t('referenceData.import.label')}
        hint={t('referenceData.import.hint')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        buttonLabel={t('referenceData.import.submit')}
        upload={async (file, onProgress, signal) => {
          setOutcome(null);
          const result = await importPopulations(file, onProgress, signal);
          setOutcome({ ok: true, result });
          await queryClient.invalidateQueries({ queryKey: referenceDataQueryKey });
        }}
        onError={(error) => {
          if (error instanceof ApiError && error.errors.some((e) => e.row !== undefined)) {
            setOutcome({ ok: false, error });
            return true;
          }
          return false;
        }}
      />
      {outcome?.ok === true && (
        <Alert tone="success" role="status" title={t('referenceData.import.doneTitle')}>
          <p>{t('referenceData.import.done', { rows: outcome.result.rows, years: outcome.result.years.join(', ') })}</p>
        </Alert>
      )}
      {outcome?.ok === false && (
        <Alert tone="danger" role="alert" title={t('referenceData.import.refusedTitle', { count: outcome.error.errors.length })}>
          <p>{outcome.error.detail}</p>
          <ImportErrorsTable
            caption={t('referenceData.import.errorsCaption')}
            total={outcome.error.errors.length}
            errors={outcome.error.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, message: e.message }))}
          />
        </Alert>
      )}
    </section>
  );
}
