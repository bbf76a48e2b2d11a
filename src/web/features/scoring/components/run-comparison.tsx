import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/data-table/data-table.js';
import { CheckboxField, SelectField } from '../../../components/ui/form-field.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { RankChange } from '../../../components/ui/rank-change.js';
import { formatDelta, formatNumber, formatScore } from '../../../lib/format.js';
import type { RunComparison as Comparison, ScoringRunSummary } from '../../../types/index.js';
import { useRunComparison } from '../api/compare-scoring-runs.js';
import styles from './scoring.module.css';

type UnitChange = Comparison['units'][number];
type InputChange = Comparison['inputChanges'][number];

interface RunComparisonProps {
  runs: ScoringRunSummary[];
  /** Names of the award tiers by code, for the tier columns. */
  tierName: (code: string | null) => string;
}

function unitChanged(u: UnitChange): boolean {
  return u.rank.from !== u.rank.to || u.awardTier.from !== u.awardTier.to || (u.score.delta !== null && Math.abs(u.score.delta) > 1e-9);
}

/** Two runs side by side: how each district's score, rank and tier moved, and which inputs differ. */
export function RunComparisonView({ runs, tierName }: RunComparisonProps) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<number | null>(runs[1]?.id ?? null);
  const [to, setTo] = useState<number | null>(runs[0]?.id ?? null);
  const comparison = useRunComparison(from, to);

  const option = (run: ScoringRunSummary) => (
    <option key={run.id} value={run.id}>
      #{run.id} · {t(`scoring.kinds.${run.kind}`)}
      {run.note === null ? '' : ` · ${run.note}`}
    </option>
  );

  return (
    <>
      <div className={styles.pickers}>
        <SelectField label={t('scoring.compare.from')} value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
          {runs.map(option)}
        </SelectField>
        <SelectField label={t('scoring.compare.to')} value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))}>
          {runs.map(option)}
        </SelectField>
      </div>
      {from === to ? (
        <p className={styles.arrow}>{t('scoring.compare.same')}</p>
      ) : (
        <QueryState query={comparison}>{(data) => <ComparisonContent comparison={data} tierName={tierName} />}</QueryState>
      )}
    </>
  );
}

function ComparisonContent({ comparison, tierName }: { comparison: Comparison; tierName: (code: string | null) => string }) {
  const { t } = useTranslation();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const changedCount = comparison.units.filter(unitChanged).length;
  const units = onlyChanged ? comparison.units.filter(unitChanged) : comparison.units;

  const unitColumns = useMemo<ColumnDef<UnitChange, unknown>[]>(
    () => [
      { id: 'district', accessorFn: (u) => u.name, header: t('results.columns.district') },
      {
        id: 'scoreFrom',
        accessorFn: (u) => u.score.from ?? Number.NEGATIVE_INFINITY,
        header: t('scoring.compare.scoreFrom'),
        meta: { numeric: true },
        cell: ({ row }) => formatScore(row.original.score.from),
      },
      {
        id: 'scoreTo',
        accessorFn: (u) => u.score.to ?? Number.NEGATIVE_INFINITY,
        header: t('scoring.compare.scoreTo'),
        meta: { numeric: true },
        cell: ({ row }) => formatScore(row.original.score.to),
      },
      {
        id: 'delta',
        accessorFn: (u) => u.score.delta ?? 0,
        header: t('scoring.compare.delta'),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ row }) => {
          const d = row.original.score.delta;
          const cls = d === null || Math.abs(d) < 0.005 ? undefined : d > 0 ? styles.up : styles.down;
          return <span className={cls}>{formatDelta(d)}</span>;
        },
      },
      {
        id: 'rank',
        accessorFn: (u) => u.rank.to ?? Number.POSITIVE_INFINITY,
        header: t('scoring.compare.rank'),
        meta: { numeric: true },
        cell: ({ row }) => {
          const { from, to } = row.original.rank;
          return (
            <>
              {from ?? '–'}{' '}
              <span className={styles.arrow} aria-hidden="true">
                →
              </span>
              <span className="visually-hidden"> {t('framework.diff.becomes')} </span> <strong>{to ?? '–'}</strong>{' '}
              {to !== null && from !== null && <RankChange previousRank={from} rank={to} />}
            </>
          );
        },
      },
      {
        id: 'tier',
        accessorFn: (u) => `${u.awardTier.from ?? ''}>${u.awardTier.to ?? ''}`,
        header: t('scoring.compare.tier'),
        cell: ({ row }) => {
          const { from, to } = row.original.awardTier;
          if (from === to) return tierName(to);
          return (
            <>
              {tierName(from)} <span aria-hidden="true">→</span>
              <span className="visually-hidden"> {t('framework.diff.becomes')} </span> <strong>{tierName(to)}</strong>
            </>
          );
        },
      },
    ],
    [t, tierName],
  );

  const inputColumns = useMemo<ColumnDef<InputChange, unknown>[]>(
    () => [
      { id: 'district', accessorFn: (c) => nameOf(comparison, c.code), header: t('results.columns.district') },
      { id: 'indicator', accessorFn: (c) => c.indicator, header: t('scoring.compare.indicator') },
      {
        id: 'from',
        accessorFn: (c) => c.from ?? Number.NEGATIVE_INFINITY,
        header: t('scoring.compare.valueFrom'),
        meta: { numeric: true },
        cell: ({ row }) => formatNumber(row.original.from),
      },
      {
        id: 'to',
        accessorFn: (c) => c.to ?? Number.NEGATIVE_INFINITY,
        header: t('scoring.compare.valueTo'),
        meta: { numeric: true },
        cell: ({ row }) => formatNumber(row.original.to),
      },
    ],
    [t, comparison],
  );

  return (
    <>
      <ul className={styles.flags}>
        <li>
          <span aria-hidden="true">{comparison.frameworkChanged ? '△ ' : '＝ '}</span>
          {t('scoring.compare.framework')}: <strong>{t(comparison.frameworkChanged ? 'framework.diff.changed' : 'framework.diff.unchanged')}</strong>
        </li>
        <li>
          <span aria-hidden="true">{comparison.adjustmentsChanged ? '△ ' : '＝ '}</span>
          {t('scoring.compare.adjustments')}: <strong>{t(comparison.adjustmentsChanged ? 'framework.diff.changed' : 'framework.diff.unchanged')}</strong>
        </li>
        <li>{t('scoring.compare.inputCount', { count: comparison.inputChanges.length })}</li>
        <li>{t('scoring.compare.unitCount', { count: changedCount })}</li>
      </ul>
      <h3>{t('scoring.compare.unitsHeading')}</h3>
      <DataTable
        data={units}
        columns={unitColumns}
        caption={t('scoring.compare.unitsCaption', { from: comparison.from, to: comparison.to })}
        getRowId={(u) => u.code}
        initialSorting={[{ id: 'rank', desc: false }]}
        maxHeight="32rem"
        toolbarExtra={<CheckboxField label={t('scoring.compare.onlyChanged')} checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />}
      />
      <h3 className={styles.sectionGap}>{t('scoring.compare.inputsHeading')}</h3>
      {comparison.inputChanges.length === 0 ? (
        <p>{t('scoring.compare.noInputChanges')}</p>
      ) : (
        <DataTable
          data={comparison.inputChanges}
          columns={inputColumns}
          caption={t('scoring.compare.inputsCaption')}
          getRowId={(c) => `${c.code}:${c.indicator}`}
          searchText={(c) => `${nameOf(comparison, c.code)} ${c.code} ${c.indicator}`}
          filterLabel={t('scoring.compare.inputFilter')}
          maxHeight="24rem"
        />
      )}
    </>
  );
}

function nameOf(comparison: Comparison, code: string): string {
  return comparison.units.find((u) => u.code === code)?.name ?? code;
}
