import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table/data-table.js';
import { formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ReviewAssignment } from '../../../types/index.js';
import { ReviewStatusBadge } from './review-status-badge.js';
import { RereviewBadge } from './rereview.js';
import styles from './reviews.module.css';

interface AssignmentListProps {
  assignments: ReviewAssignment[];
  /** The address of one assignment's score sheet. */
  linkTo: (assignment: ReviewAssignment) => string;
  /** Whether the reviewer may score this sheet now (see `sheetEditable`). */
  canScore: (assignment: ReviewAssignment) => boolean;
}

const statusRank = { assigned: 0, draft: 1, submitted: 2 } as const;

/**
 * The reviewer's assigned districts × indicators: status, own total, and a link to each score sheet. A sheet reopened
 * for re-review carries the "재심사 요청" badge and the reason, and sorts first.
 */
export function AssignmentList({ assignments, linkTo, canScore }: AssignmentListProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const columns = useMemo<ColumnDef<ReviewAssignment, unknown>[]>(
    () => [
      { id: 'district', header: t('reviews.columns.district'), accessorFn: (a) => (language === 'en' ? a.orgUnit.nameEn : a.orgUnit.name) },
      { id: 'indicator', header: t('reviews.columns.indicator'), accessorFn: (a) => `${a.indicator.code} ${localized(a.indicator.name, language)}` },
      {
        id: 'status',
        header: t('reviews.columns.status'),
        accessorFn: (a) => (a.rereview !== null && a.status !== 'submitted' ? -1 : statusRank[a.status]),
        cell: (info) => {
          const a = info.row.original;
          return (
            <>
              <ReviewStatusBadge status={a.status} />
              {a.rereview !== null && (
                <>
                  {' '}
                  <RereviewBadge />
                  {a.rereview.reason !== null && (
                    <span className={styles.rereviewReason}>{t('reviews.rereview.reasonShort', { reason: a.rereview.reason })}</span>
                  )}
                </>
              )}
            </>
          );
        },
      },
      {
        id: 'total',
        header: t('reviews.columns.total'),
        accessorFn: (a) => a.total,
        cell: (info) => formatScore(info.row.original.total, 1),
        meta: { numeric: true },
      },
      {
        id: 'open',
        header: t('reviews.columns.open'),
        enableSorting: false,
        cell: (info) => {
          const a = info.row.original;
          const label = `${language === 'en' ? a.orgUnit.nameEn : a.orgUnit.name} ${a.indicator.code}`;
          const scoring = canScore(a);
          const rescore = scoring && a.rereview !== null;
          return (
            <Link
              to={linkTo(a)}
              aria-label={t(rescore ? 'reviews.rereview.scoreLabel' : scoring ? 'reviews.scoreLabel' : 'reviews.viewLabel', { item: label })}
            >
              {rescore ? t('reviews.rereview.score') : scoring ? t('reviews.score') : t('reviews.view')}
            </Link>
          );
        },
      },
    ],
    [t, language, linkTo, canScore],
  );
  return (
    <DataTable
      data={assignments}
      columns={columns}
      caption={t('reviews.caption')}
      getRowId={(a) => String(a.id)}
      searchText={(a) =>
        `${a.orgUnit.name} ${a.orgUnit.nameEn} ${a.indicator.code} ${a.indicator.name.ko} ${a.indicator.name.en}${a.rereview === null ? '' : ` ${t('reviews.rereview.badge')}`}`
      }
      filterLabel={t('reviews.filter')}
      initialSorting={[{ id: 'status', desc: false }]}
      maxHeight="60vh"
    />
  );
}
