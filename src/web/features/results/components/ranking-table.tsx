import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/data-table/data-table.js';
import type { TableDownload } from '../../../components/data-table/data-table.js';
import { AwardBadge } from '../../../components/ui/badge.js';
import { RankChange } from '../../../components/ui/rank-change.js';
import { paths } from '../../../config/paths.js';
import { tierDisplay } from '../../../lib/award-tiers.js';
import { formatNumber, formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { CycleResults, ResultUnit } from '../../../types/index.js';

const collator = new Intl.Collator('ko-KR');

function searchText(unit: ResultUnit): string {
  return `${unit.name} ${unit.code}`;
}

function unitId(unit: ResultUnit): string {
  return unit.code;
}

/** The cycle's ranking: one row per district, sortable by any column, with the server's exports above it. */
export function RankingTable({ results, downloads }: { results: CycleResults; downloads: TableDownload[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  const columns = useMemo<ColumnDef<ResultUnit, unknown>[]>(() => {
    const tierLevel = (code: string | null) => {
      const index = results.tiers.findIndex((tier) => tier.code === code);
      return index === -1 ? results.tiers.length : index;
    };
    return [
      {
        id: 'rank',
        accessorFn: (u) => u.rank,
        header: t('results.columns.rank'),
        meta: { numeric: true },
      },
      {
        id: 'district',
        accessorFn: (u) => u.name,
        header: t('results.columns.district'),
        sortingFn: (a, b) => collator.compare(a.original.name, b.original.name),
        cell: ({ row }) => <Link to={paths.scorecard(results.year, row.original.code)}>{row.original.name}</Link>,
      },
      {
        id: 'score',
        accessorFn: (u) => u.score,
        header: t('results.columns.score'),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ row }) => <strong>{formatScore(row.original.score)}</strong>,
      },
      ...results.fields.map((field): ColumnDef<ResultUnit, unknown> => ({
        id: `field:${field.code}`,
        accessorFn: (u) => u.fieldScores[field.code] ?? Number.NEGATIVE_INFINITY,
        header: t('results.fieldPoints', { name: localized(field.name, language), points: field.points }),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ row }) => formatScore(row.original.fieldScores[field.code]),
      })),
      {
        id: 'awardTier',
        accessorFn: (u) => tierLevel(u.awardTier),
        header: t('results.columns.awardTier'),
        cell: ({ row }) => {
          const tier = tierDisplay(results.tiers, row.original.awardTier, language);
          if (tier !== null) return <AwardBadge {...tier} />;
          return (
            <>
              <span aria-hidden="true">–</span>
              <span className="visually-hidden">{t('common.none')}</span>
            </>
          );
        },
      },
      {
        id: 'prize',
        accessorFn: (u) => u.prize,
        header: t('scorecardMore.prizeColumn'),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ row }) => (row.original.prize > 0 ? formatNumber(row.original.prize) : '–'),
      },
      {
        id: 'movement',
        accessorFn: (u) => (u.previousRank === null || u.rank === null ? Number.NEGATIVE_INFINITY : u.previousRank - u.rank),
        header: t('results.columns.movement'),
        sortDescFirst: true,
        cell: ({ row }) => <RankChange previousRank={row.original.previousRank} rank={row.original.rank} />,
      },
      {
        id: 'streak',
        accessorFn: (u) => u.streak ?? 0,
        header: t('results.columns.streak'),
        sortDescFirst: true,
        cell: ({ row }) => {
          const streak = row.original.streak;
          return streak !== null && streak >= 2 ? t('results.streak', { count: streak }) : '–';
        },
      },
    ];
  }, [results, language, t]);

  return (
    <DataTable
      data={results.units}
      columns={columns}
      caption={t('results.rankingCaption')}
      getRowId={unitId}
      searchText={searchText}
      filterLabel={t('results.filterLabel')}
      filterPlaceholder={t('results.filterPlaceholder')}
      initialSorting={[{ id: 'rank', desc: false }]}
      downloads={downloads}
    />
  );
}
