import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ItemStatusBadge } from '../../components/ui/item-status-badge.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useMatrix } from '../../features/verification/api/get-matrix.js';
import { BulkVerifyBar } from '../../features/verification/components/bulk-verify-bar.js';
import { ItemPanel } from '../../features/verification/components/item-panel.js';
import { cellMatches, noFilter, type MatrixFilter } from '../../features/verification/components/matrix-filter.js';
import { MatrixFilters } from '../../features/verification/components/matrix-filters.js';
import { VerificationGrid, type CellRef } from '../../features/verification/components/verification-grid.js';
import { formatNumber } from '../../lib/format.js';
import { hasRole } from '../../lib/roles.js';
import type { ItemStatus, MatrixCell, VerificationMatrix } from '../../types/index.js';
import { CycleYearPicker } from '../cycle-year-picker.js';
import styles from '../page.module.css';
import work from '../work.module.css';

const statusOrder: ItemStatus[] = ['not_started', 'draft', 'submitted', 'approved', 'returned', 'verified'];

/**
 * The city's verification workspace: the districts × indicators matrix with filters; an item opens in a side panel
 * (value, computation, evidence, last year, peers) to verify or return; approved items can be verified in bulk.
 */
export default function VerificationPage() {
  const { t } = useTranslation();
  const params = useParams();
  const year = Number(params.year);
  const me = useMe();
  const matrix = useMatrix(year);
  const canDecide = hasRole(me.data, 'city_admin');

  if (!Number.isInteger(year)) return <NotFound />;
  return (
    <>
      <PageTitle title={t('verification.pageTitle', { year })} />
      <div className={styles.header}>
        <h1>{t('verification.heading', { year })}</h1>
        <p className={styles.lead}>{canDecide ? t('verification.lead') : t('verification.leadReadOnly')}</p>
      </div>
      <CycleYearPicker year={year} to={paths.verification} />
      <QueryState query={matrix}>{(data) => <Workspace year={year} matrix={data} canDecide={canDecide} />}</QueryState>
    </>
  );
}

function Workspace({ year, matrix, canDecide }: { year: number; matrix: VerificationMatrix; canDecide: boolean }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<MatrixFilter>(noFilter);
  const [open, setOpen] = useState<CellRef | null>(null);
  const [picking, setPicking] = useState(false);
  const [selected, setSelected] = useState<Map<number, MatrixCell>>(new Map());

  const matching = useMemo(() => matrix.districts.reduce((n, d) => n + d.cells.filter((c) => cellMatches(c, filter)).length, 0), [matrix, filter]);
  const approvedInView = useMemo(
    () => matrix.districts.flatMap((d) => d.cells.filter((c): c is MatrixCell => c !== null && c.status === 'approved' && cellMatches(c, filter))),
    [matrix, filter],
  );
  const changed = useMemo(() => matrix.districts.reduce((n, d) => n + d.cells.filter((c) => c?.changed === true).length, 0), [matrix]);
  const stageAllows = matrix.cycleStatus === 'open' || matrix.cycleStatus === 'verification';

  function toggle(cell: MatrixCell) {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(cell.id)) next.delete(cell.id);
      else next.set(cell.id, cell);
      return next;
    });
  }

  return (
    <>
      <ul className={work.totals} aria-label={t('verification.totalsLabel')}>
        {statusOrder.map((status) => (
          <li key={status}>
            <ItemStatusBadge status={status} />
            <strong>{formatNumber(matrix.totals[status] ?? 0)}</strong>
          </li>
        ))}
        <li>
          <span aria-hidden="true">!</span> {t('verification.grid.flagged')} <strong>{formatNumber(matrix.flagged)}</strong>
        </li>
        <li>
          <span aria-hidden="true">◷</span> {t('verification.grid.late')} <strong>{formatNumber(matrix.late)}</strong>
        </li>
        <li>
          <span aria-hidden="true">↻</span> {t('verification.grid.changedShort')} <strong>{formatNumber(changed)}</strong>
        </li>
      </ul>

      <MatrixFilters filter={filter} onChange={setFilter} matching={matching} />

      {canDecide && stageAllows && (
        <BulkVerifyBar year={year} picking={picking} onPickingChange={setPicking} selected={selected} onSelect={setSelected} approvedInView={approvedInView} />
      )}

      <VerificationGrid matrix={matrix} filter={filter} selected={picking ? new Set(selected.keys()) : null} onOpen={setOpen} onToggle={toggle} />
      <p className={styles.meta}>{t('verification.grid.legend')}</p>

      <ItemPanel year={year} target={open} canDecide={canDecide && stageAllows} onClose={() => setOpen(null)} />
    </>
  );
}
