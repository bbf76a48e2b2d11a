import { useTranslation } from 'react-i18next';
import { itemStatusStyle } from '../../../components/ui/item-status-badge.js';
import { localized } from '../../../lib/localized.js';
import type { MatrixCell, VerificationMatrix } from '../../../types/index.js';
import { cellMatches, type MatrixFilter } from './matrix-filter.js';
import styles from './verification.module.css';

export interface CellRef {
  code: string;
  districtName: string;
  indicator: string;
  cell: MatrixCell;
}

interface VerificationGridProps {
  matrix: VerificationMatrix;
  filter: MatrixFilter;
  /** Ids of the cells picked for bulk verification; null when not picking. */
  selected: Set<number> | null;
  onOpen: (ref: CellRef) => void;
  onToggle: (cell: MatrixCell) => void;
}

/**
 * The districts × indicators matrix, every started item a button: its status by colour, symbol and (for screen
 * readers) words, with ! for an outlier, a clock mark for lateness and ↻ for an item whose records changed after
 * submission (back with the district to submit again). A click opens the item's panel; while picking
 * for bulk verification, a click on an approved item picks it instead.
 */
export function VerificationGrid({ matrix, filter, selected, onOpen, onToggle }: VerificationGridProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows = matrix.districts.filter((d) => d.cells.some((cell) => cellMatches(cell, filter)));

  const describe = (cell: MatrixCell | null) => {
    const parts = [t(`itemStatus.${cell?.status ?? 'not_started'}`)];
    if (cell !== null && cell.flags.length > 0) parts.push(t('verification.grid.flagged'));
    if (cell?.late === true) parts.push(t('verification.grid.late'));
    if (cell?.changed === true) parts.push(t('verification.grid.changed'));
    return parts.join(', ');
  };

  return (
    <div className={styles.gridScroll} tabIndex={0} role="region" aria-label={t('verification.grid.caption')}>
      <table className={styles.grid}>
        <caption className="visually-hidden">{t('verification.grid.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.districtHead}>
              {t('verification.grid.district')}
            </th>
            {matrix.indicators.map((indicator) => (
              <th key={indicator.code} scope="col">
                <abbr title={localized(indicator.name, language)}>{indicator.code}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((district) => (
            <tr key={district.code}>
              <th scope="row" className={styles.districtHead}>
                {district.name}
              </th>
              {district.cells.map((cell, index) => {
                const indicator = matrix.indicators[index];
                if (indicator === undefined) return null;
                const match = cellMatches(cell, filter);
                const status = cell?.status ?? 'not_started';
                const style = itemStatusStyle[status];
                const label = `${district.name} ${indicator.code}: ${describe(cell)}`;
                const content = (
                  <>
                    <span aria-hidden="true">{style.symbol}</span>
                    {cell !== null && cell.flags.length > 0 && (
                      <span className={styles.flagMark} aria-hidden="true">
                        !
                      </span>
                    )}
                    {cell?.late === true && (
                      <span className={styles.lateMark} aria-hidden="true">
                        ◷
                      </span>
                    )}
                    {cell?.changed === true && (
                      <span className={styles.changedMark} aria-hidden="true">
                        ↻
                      </span>
                    )}
                  </>
                );
                const className = `${styles.cell} ${styles[status]} ${match ? '' : styles.dimmed}`;
                if (cell === null) {
                  return (
                    <td key={indicator.code}>
                      <span className={className} title={label}>
                        {content}
                        <span className="visually-hidden">{describe(cell)}</span>
                      </span>
                    </td>
                  );
                }
                const picking = selected !== null && cell.status === 'approved';
                const isSelected = picking && selected.has(cell.id);
                return (
                  <td key={indicator.code}>
                    <button
                      type="button"
                      className={`${className} ${isSelected ? styles.selected : ''}`}
                      aria-label={label}
                      aria-pressed={picking ? isSelected : undefined}
                      data-testid={`cell-${district.code}-${indicator.code}`}
                      title={label}
                      onClick={() => (picking ? onToggle(cell) : onOpen({ code: district.code, districtName: district.name, indicator: indicator.code, cell }))}
                    >
                      {content}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
