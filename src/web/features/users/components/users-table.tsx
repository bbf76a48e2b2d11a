import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/data-table/data-table.js';
import { Button } from '../../../components/ui/button.js';
import { formatDateTime } from '../../../lib/format.js';
import type { UserView } from '../../../types/index.js';
import { UserRoles } from './user-roles.js';
import { UserStatusBadges } from './user-status-badges.js';
import styles from './users.module.css';

interface UsersTableProps {
  users: UserView[];
  districtName: (code: string, fallback: string | null) => string;
  /** The signed-in admin's own id, marked in the list. */
  selfId: number | null;
  onManage: (user: UserView) => void;
}

const userId = (user: UserView) => String(user.id);

/** Accounts with their roles, state and last sign-in (Seoul time); each row opens the account's panel. */
export function UsersTable({ users, districtName, selfId, onManage }: UsersTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const columns = useMemo<ColumnDef<UserView, unknown>[]>(
    () => [
      {
        id: 'username',
        accessorFn: (u) => u.username,
        header: t('users.columns.username'),
        cell: ({ row }) => (
          <span className={styles.username}>
            <code className={styles.mono}>{row.original.username}</code>
            {row.original.id === selfId && <span className={styles.you}>{t('users.panel.you')}</span>}
          </span>
        ),
      },
      {
        id: 'displayName',
        accessorFn: (u) => u.displayName,
        header: t('users.columns.displayName'),
        cell: ({ row }) => <span className={styles.name}>{row.original.displayName}</span>,
      },
      {
        id: 'roles',
        accessorFn: (u) => u.roles.map((r) => r.role).join(' '),
        header: t('users.columns.roles'),
        enableSorting: false,
        cell: ({ row }) => <UserRoles roles={row.original.roles} districtName={districtName} />,
      },
      {
        id: 'status',
        accessorFn: (u) => (u.disabled ? 1 : 0),
        header: t('users.columns.status'),
        enableSorting: false,
        cell: ({ row }) => <UserStatusBadges user={row.original} />,
      },
      {
        id: 'lastSeenAt',
        accessorFn: (u) => u.lastSeenAt ?? '',
        header: t('users.columns.lastSeenAt'),
        cell: ({ row }) => (
          <span className={styles.nowrap}>{row.original.lastSeenAt === null ? t('users.never') : formatDateTime(row.original.lastSeenAt, language)}</span>
        ),
      },
      {
        id: 'actions',
        header: t('users.columns.actions'),
        enableSorting: false,
        cell: ({ row }) => (
          <Button variant="secondary" size="small" onClick={() => onManage(row.original)}>
            {t('users.manage')}
            <span className="visually-hidden"> {t('users.manageLabel', { username: row.original.username })}</span>
          </Button>
        ),
      },
    ],
    [t, language, selfId, districtName, onManage],
  );
  return <DataTable data={users} columns={columns} caption={t('users.tableCaption')} getRowId={userId} initialSorting={[{ id: 'username', desc: false }]} />;
}
