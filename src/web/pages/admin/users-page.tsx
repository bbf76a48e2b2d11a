import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, ButtonLink } from '../../components/ui/button.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { meQueryKey, useMe } from '../../features/auth/api/get-me.js';
import { useOrgUnits } from '../../features/audit/api/get-org-units.js';
import { useUsers, usersXlsxUrl } from '../../features/users/api/get-users.js';
import { CreateUserDialog } from '../../features/users/components/create-user-dialog.js';
import { ManageUserDialog } from '../../features/users/components/manage-user-dialog.js';
import { OneTimePasswordPanel, type OneTimePassword } from '../../features/users/components/one-time-password-panel.js';
import { UserFiltersForm } from '../../features/users/components/user-filters.js';
import { UsersTable } from '../../features/users/components/users-table.js';
import type { OneTimePasswordResponse, UserFilters, UserView } from '../../types/index.js';
import styles from '../page.module.css';
import { isRole } from '../../features/users/components/role-grants.js';
import usersStyles from '../../features/users/components/users.module.css';

const filterKeys = ['q', 'role', 'orgUnitCode'] as const;

/**
 * User accounts (city admin): search by name, role and district; add an account; rename, disable or enable it,
 * change its roles, reset its password. A new or reset password is shown once, on this page only, and kept nowhere.
 */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const selfId = me.data === null || me.data === undefined ? null : Number(me.data.id);
  const [search, setSearch] = useSearchParams();
  const orgUnits = useOrgUnits();
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState<number | null>(null);
  const [secret, setSecret] = useState<OneTimePassword | null>(null);
  const addBarRef = useRef<HTMLDivElement>(null);

  const filters = useMemo<UserFilters>(() => {
    const f: UserFilters = {};
    for (const key of filterKeys) {
      const v = search.get(key);
      if (v === null || v === '') continue;
      if (key !== 'role') f[key] = v;
      else if (isRole(v)) f.role = v;
    }
    return f;
  }, [search]);
  const users = useUsers(filters);

  const districts = useMemo(() => (orgUnits.data ?? []).filter((u) => u.kind === 'district'), [orgUnits.data]);
  const names = useMemo(() => new Map((orgUnits.data ?? []).map((u) => [u.code, i18n.language === 'en' ? u.nameEn : u.name])), [orgUnits.data, i18n.language]);
  const districtName = useCallback((code: string, fallback: string | null) => names.get(code) ?? fallback ?? code, [names]);
  const managed = managing === null ? null : (users.data?.find((u) => u.id === managing) ?? null);
  const onManage = useCallback((user: UserView) => setManaging(user.id), []);

  function apply(next: UserFilters) {
    const params = new URLSearchParams();
    for (const key of filterKeys) {
      const v = next[key]?.trim();
      if (v !== undefined && v !== '') params.set(key, v);
    }
    setSearch(params);
  }

  function show(kind: OneTimePassword['kind']) {
    return (response: OneTimePasswordResponse) => {
      setCreating(false);
      setManaging(null);
      setSecret({ kind, username: response.user.username, password: response.oneTimePassword });
    };
  }

  return (
    <>
      <PageTitle title={t('users.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('users.heading')}</h1>
        <p className={styles.lead}>{t('users.intro')}</p>
      </div>

      {secret !== null && (
        <OneTimePasswordPanel
          secret={secret}
          onDismiss={() => {
            setSecret(null);
            addBarRef.current?.querySelector('button')?.focus();
          }}
        />
      )}

      <UserFiltersForm key={search.toString()} value={filters} onApply={apply} districts={districts} />

      <div ref={addBarRef} className={usersStyles.addBar}>
        <ButtonLink href={usersXlsxUrl(filters, i18n.language === 'en' ? 'en' : 'ko')} variant="secondary" download>
          {t('users.xlsx')}
        </ButtonLink>
        <Button onClick={() => setCreating(true)}>
          <span aria-hidden="true">＋</span>
          {t('users.add')}
        </Button>
      </div>

      <QueryState query={users} isEmpty={(list) => list.length === 0} empty={<EmptyState title={t('users.empty')} text={t('users.emptyHint')} />}>
        {(list) => <UsersTable users={list} districtName={districtName} selfId={selfId} onManage={onManage} />}
      </QueryState>

      <CreateUserDialog open={creating} onClose={() => setCreating(false)} districts={districts} onCreated={show('created')} />
      <ManageUserDialog
        user={managed}
        selfId={selfId}
        districts={districts}
        districtName={districtName}
        onClose={() => setManaging(null)}
        onPasswordReset={show('reset')}
        onChanged={(user) => {
          if (user.id === selfId) void queryClient.invalidateQueries({ queryKey: meQueryKey });
        }}
      />
    </>
  );
}
