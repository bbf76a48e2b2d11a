import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/data-table/data-table.js';
import { AwardBadge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { RankChange } from '../../../components/ui/rank-change.js';
import { paths } from '../../../config/paths.js';
import { tierDisplay } from '../../../lib/award-tiers.js';
import { formatDateTime, formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { RunUnitOutcome, ScoringRun } from '../../../types/index.js';
import { useReproduceScoringRun } from '../api/reproduce-scoring-run.js';
import { ReproductionResult } from './reproduction-result.js';
import { RunKindBadge } from './run-kind-badge.js';
import { RunNotices } from './run-notices.js';
import { TieDecisions } from './tie-decisions.js';
import styles from './scoring.module.css';

function unitId(unit: RunUnitOutcome): string {
  return unit.code;
}

function searchText(unit: RunUnitOutcome): string {
  return `${unit.name} ${unit.code}`;
}

/** One stored run: what it was computed from, its ranking, and a check that it can be recomputed exactly. */
export function RunResult({ run, year, canDecide = false }: { run: ScoringRun; year: number; canDecide?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const reproduce = useReproduceScoringRun();
  const fields = run.input.framework.fields ?? [];
  const tiers = run.result?.tiers ?? [];

  const columns = useMemo<ColumnDef<RunUnitOutcome, unknown>[]>(
    () => [
      {
        id: 'rank',
        accessorFn: (u) => u.rank ?? Number.POSITIVE_INFINITY,
        header: t('results.columns.rank'),
        meta: { numeric: true },
        cell: ({ row }) => row.original.rank ?? '–',
      },
      { id: 'district', accessorFn: (u) => u.name, header: t('results.columns.district') },
      {
        id: 'score',
        accessorFn: (u) => u.score ?? Number.NEGATIVE_INFINITY,
        header: t('scoring.columns.score'),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ row }) => <strong>{formatScore(row.original.score)}</strong>,
      },
      {
        id: 'base',
        accessorFn: (u) => u.baseScore ?? Number.NEGATIVE_INFINITY,
        header: t('scoring.columns.baseScore'),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ row }) => formatScore(row.original.baseScore),
      },
      ...fields.map((field): ColumnDef<RunUnitOutcome, unknown> => ({
        id: `field:${field.code}`,
        accessorFn: (u) => u.fieldScores[field.code] ?? Number.NEGATIVE_INFINITY,
        header: localized(field.name, language),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ row }) => formatScore(row.original.fieldScores[field.code]),
      })),
      {
        id: 'adjustment',
        accessorFn: (u) => u.bonus + u.penalty,
        header: t('scoring.columns.adjustment'),
        meta: { numeric: true },
        cell: ({ row }) => {
          const { bonus, penalty } = row.original;
          const parts = [bonus !== 0 ? `+${formatScore(bonus, 1)}` : null, penalty !== 0 ? `−${formatScore(Math.abs(penalty), 1)}` : null];
          const text = parts.filter((p) => p !== null).join(' ');
          return text === '' ? '–' : text;
        },
      },
      {
        id: 'tier',
        accessorFn: (u) => {
          const index = tiers.findIndex((x) => x.code === u.awardTier);
          return index === -1 ? tiers.length : index;
        },
        header: t('results.columns.awardTier'),
        cell: ({ row }) => {
          const tier = tierDisplay(tiers, row.original.awardTier, language);
          return tier === null ? '–' : <AwardBadge {...tier} />;
        },
      },
      {
        id: 'movement',
        accessorFn: (u) => (u.previousRank === null || u.rank === null ? Number.NEGATIVE_INFINITY : u.previousRank - u.rank),
        header: t('scoring.columns.vsLastYear'),
        sortDescFirst: true,
        cell: ({ row }) => (row.original.rank === null ? '–' : <RankChange previousRank={row.original.previousRank} rank={row.original.rank} />),
      },
    ],
    [t, language, fields, tiers],
  );

  return (
    <>
      <div className={styles.reproduce}>
        <RunKindBadge kind={run.kind} />
        <Button variant="secondary" disabled={reproduce.isPending} onClick={() => reproduce.mutate(run.id)}>
          <span aria-hidden="true">↻</span>
          {reproduce.isPending ? t('scoring.reproduce.running') : t('scoring.reproduce.button')}
        </Button>
        <Link to={paths.runAnalysis(run.id)}>{t('analysis.link')}</Link>
      </div>
      <div aria-live="polite">
        <ReproductionResult mutation={reproduce} />
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>{t('scoring.facts.createdAt')}</dt>
          <dd>{formatDateTime(run.finishedAt ?? run.createdAt, language)}</dd>
        </div>
        <div>
          <dt>{t('scoring.facts.engineVersion')}</dt>
          <dd>{run.engineVersion}</dd>
        </div>
        <div>
          <dt>{t('scoring.facts.frameworkVersion')}</dt>
          <dd>{t('framework.versionOption', { version: run.input.frameworkVersion })}</dd>
        </div>
        <div>
          <dt>{t('scoring.facts.inputHash')}</dt>
          <dd className={styles.mono}>{run.inputHash}</dd>
        </div>
      </dl>
      <RunNotices run={run} />
      <TieDecisions run={run} year={year} canDecide={canDecide} />
      <DataTable
        data={run.result?.units ?? []}
        columns={columns}
        caption={t('scoring.rankingCaption', { id: run.id })}
        getRowId={unitId}
        searchText={searchText}
        filterLabel={t('results.filterLabel')}
        filterPlaceholder={t('results.filterPlaceholder')}
        initialSorting={[{ id: 'rank', desc: false }]}
      />
    </>
  );
}
