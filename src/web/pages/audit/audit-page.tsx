import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/ui/button.js';
import { Button } from '../../components/ui/button.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/status.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { auditCsvUrl, useAuditLog } from '../../features/audit/api/get-audit-log.js';
import { useOrgUnits } from '../../features/audit/api/get-org-units.js';
import { useVerifyAuditChain } from '../../features/audit/api/verify-audit-chain.js';
import { AuditFiltersForm } from '../../features/audit/components/audit-filters.js';
import { AuditLogTable } from '../../features/audit/components/audit-log-table.js';
import { VerifyChainButton, VerifyChainResult } from '../../features/audit/components/verify-chain.js';
import { formatNumber } from '../../lib/format.js';
import { districtsOf, hasRole } from '../../lib/roles.js';
import type { AuditFilters } from '../../types/index.js';
import styles from '../page.module.css';
import auditStyles from '../../features/audit/components/audit.module.css';

const filterKeys = ['action', 'entityType', 'orgUnitCode', 'actor'] as const;

/**
 * The audit log: filters in the address (so a filtered view can be shared), "load more" by cursor, before → after
 * of each entry, CSV export and the chain check. City admin and auditor see everything; district users their own
 * district (the server enforces it).
 */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const seesAll = hasRole(me.data, 'city_admin', 'auditor');
  const own = useMemo(() => districtsOf(me.data, 'district_officer', 'district_approver'), [me.data]);
  const [search, setSearch] = useSearchParams();
  const orgUnits = useOrgUnits();
  const verify = useVerifyAuditChain();

  const filters = useMemo<AuditFilters>(() => {
    const f: AuditFilters = {};
    for (const key of filterKeys) {
      const v = search.get(key);
      if (v !== null && v !== '') f[key] = v;
    }
    if (!seesAll && f.orgUnitCode === undefined && own[0] !== undefined) f.orgUnitCode = own[0];
    return f;
  }, [search, seesAll, own]);

  const log = useAuditLog(filters);
  const districts = (orgUnits.data ?? []).filter((u) => u.kind === 'district');
  const names = useMemo(() => new Map((orgUnits.data ?? []).map((u) => [u.code, i18n.language === 'en' ? u.nameEn : u.name])), [orgUnits.data, i18n.language]);
  const districtName = useCallback((code: string | null) => (code === null ? '–' : (names.get(code) ?? code)), [names]);
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  function apply(next: AuditFilters) {
    const params = new URLSearchParams();
    for (const key of filterKeys) {
      const v = next[key]?.trim();
      if (v !== undefined && v !== '') params.set(key, v);
    }
    setSearch(params);
  }

  return (
    <>
      <PageTitle title={t('audit.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('audit.heading')}</h1>
        <p className={styles.lead}>{t(seesAll ? 'audit.introAll' : 'audit.introDistrict')}</p>
      </div>

      <AuditFiltersForm key={search.toString()} value={filters} onApply={apply} districts={districts} allowedDistricts={seesAll ? null : own} />

      <div className={auditStyles.toolbar}>
        <p className={auditStyles.count} aria-live="polite">
          {log.isSuccess && t(log.hasNextPage ? 'audit.countMore' : 'audit.count', { count: entries.length, formatted: formatNumber(entries.length) })}
        </p>
        {seesAll && (
          <div className={auditStyles.toolbarActions}>
            <ButtonLink href={auditCsvUrl(filters)} variant="secondary" size="small" download>
              {t('audit.csv')}
            </ButtonLink>
            <VerifyChainButton verify={verify} />
          </div>
        )}
      </div>
      {seesAll && <VerifyChainResult verify={verify} />}

      {log.isPending ? (
        <LoadingState />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title={t('audit.empty')} text={t('audit.emptyHint')} />
      ) : (
        <>
          <AuditLogTable entries={entries} districtName={districtName} />
          <div className={auditStyles.more}>
            {log.hasNextPage ? (
              <Button variant="secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                {log.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
              </Button>
            ) : (
              <p className={auditStyles.count}>{t('audit.end')}</p>
            )}
          </div>
        </>
      )}
    </>
  );
}
