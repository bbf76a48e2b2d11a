import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { SelectField } from '../../components/ui/form-field.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useCycles } from '../../features/cycles/api/get-cycles.js';
import { useFramework } from '../../features/frameworks/api/get-framework.js';
import { useFrameworkVersions } from '../../features/frameworks/api/get-framework-versions.js';
import { CopyFrameworkDialog } from '../../features/frameworks/components/copy-framework-dialog.js';
import { FrameworkDiffView } from '../../features/frameworks/components/framework-diff-view.js';
import { FrameworkEditor } from '../../features/frameworks/components/framework-editor.js';
import { handbookPdfUrl } from '../../features/frameworks/components/guidance-panel.js';
import { formatDateTime, shortHash } from '../../lib/format.js';
import { localized } from '../../lib/localized.js';
import { hasRole } from '../../lib/roles.js';
import type { Framework } from '../../types/index.js';
import styles from '../page.module.css';
import { CurrentCycleRedirect } from './current-cycle-redirect.js';
import admin from './admin.module.css';
import { EyeIcon, LockIcon, PencilIcon } from '../../components/ui/icons.js';

/** Framework editor of one cycle (`?version=N` shows an earlier version, read-only), with copy and diff. */
export default function FrameworkPage() {
  const params = useParams();
  if (params.year === undefined) return <CurrentCycleRedirect to={paths.framework} />;
  const year = Number(params.year);
  if (!Number.isInteger(year)) return <NotFound />;
  return <FrameworkScreen key={year} year={year} />;
}

function FrameworkScreen({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('version');
  const version = requested === null || !/^\d+$/.test(requested) ? undefined : Number(requested);
  const framework = useFramework(year, version);
  const versions = useFrameworkVersions(year);
  const cycles = useCycles();
  const me = useMe();
  const isAdmin = hasRole(me.data, 'city_admin');
  const [copying, setCopying] = useState(false);
  const [copied, setCopied] = useState<number | null>(null);
  const latest = versions.data?.[0]?.version;
  const viewingOld = version !== undefined && latest !== undefined && version !== latest;
  const years = (cycles.data ?? []).map((c) => c.year);

  return (
    <>
      <PageTitle title={t('framework.pageTitle', { year })} />
      <nav className={styles.breadcrumb} aria-label={t('scorecard.breadcrumbLabel')}>
        <ol>
          <li>
            <Link to={paths.adminCycle(year)}>{t('dashboard.breadcrumb', { year })}</Link>
          </li>
          <li aria-current="page">{t('framework.heading')}</li>
        </ol>
      </nav>
      <div className={styles.header}>
        <h1>{t('framework.pageTitle', { year })}</h1>
        <p className={styles.lead}>{t(isAdmin ? 'framework.intro' : 'framework.introReadOnly')}</p>
      </div>

      <div className={admin.toolbar}>
        <SelectField
          label={t('framework.versionLabel')}
          value={version ?? latest ?? ''}
          onChange={(e) => {
            const v = Number(e.target.value);
            setSearch(v === latest ? {} : { version: String(v) });
          }}
        >
          {(versions.data ?? []).map((v, index) => (
            <option key={v.version} value={v.version}>
              {t('framework.versionOption', { version: v.version })} · {formatDateTime(v.createdAt, i18n.language)} ·{' '}
              {t(v.frozenAt === null ? 'framework.draftState' : 'framework.frozenState')}
              {index === 0 ? ` · ${t('framework.latest')}` : ''}
            </option>
          ))}
        </SelectField>
        <div className={admin.toolbarEnd}>
          {isAdmin && !viewingOld && years.some((y) => y !== year) && (
            <Button variant="secondary" onClick={() => setCopying(true)}>
              {t('framework.copy.open')}
            </Button>
          )}
          {!isAdmin && (
            <span className={admin.readOnly}>
              <EyeIcon />
              {t('common.readOnly')}
            </span>
          )}
        </div>
      </div>

      {copied !== null && (
        <Alert tone="success" role="status">
          {t('framework.copy.done', { version: copied })}
        </Alert>
      )}

      <QueryState query={framework}>
        {(data) => (
          <>
            <FrameworkFacts framework={data} />
            {viewingOld && (
              <Alert
                tone="info"
                actions={
                  <Button variant="secondary" size="small" onClick={() => setSearch({})}>
                    {t('framework.showLatest')}
                  </Button>
                }
              >
                {t('framework.oldVersion', { version: data.version })}
              </Alert>
            )}
            {isAdmin && !viewingOld && data.frozen && <Alert tone="warning">{t('framework.frozenNotice')}</Alert>}
            <FrameworkEditor
              framework={data}
              readOnly={!isAdmin || viewingOld}
              onReload={async () => {
                void versions.refetch();
                return (await framework.refetch()).data;
              }}
            />
          </>
        )}
      </QueryState>

      <section className={styles.section} aria-labelledby="diff-heading">
        <h2 id="diff-heading">{t('framework.diff.heading')}</h2>
        <p className={styles.meta}>{t('framework.diff.intro')}</p>
        {years.length > 0 && <FrameworkDiffView years={years} year={year} />}
      </section>

      {isAdmin && framework.data !== undefined && years.length > 0 && (
        <CopyFrameworkDialog
          year={year}
          years={years.filter((y) => y !== year)}
          frozen={framework.data.frozen}
          open={copying}
          onClose={() => setCopying(false)}
          onCopied={setCopied}
        />
      )}
    </>
  );
}

function FrameworkFacts({ framework: f }: { framework: Framework }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      <dl className={admin.facts}>
        <div>
          <dt>{t('framework.facts.title')}</dt>
          <dd>{localized(f.definition.title, language)}</dd>
        </div>
        <div>
          <dt>{t('framework.facts.version')}</dt>
          <dd>
            {t('framework.versionOption', { version: f.version })} · {f.frozen ? <LockIcon /> : <PencilIcon />}{' '}
            {t(f.frozen ? 'framework.frozenState' : 'framework.draftState')}
          </dd>
        </div>
        <div>
          <dt>{t('framework.facts.saved')}</dt>
          <dd>{formatDateTime(f.frozenAt ?? f.createdAt, language)}</dd>
        </div>
        <div>
          <dt>{t('framework.facts.hash')}</dt>
          <dd>
            <details>
              <summary>{t('texts.details')}</summary>
              <span className={admin.mono} title={f.definitionHash}>
                {shortHash(f.definitionHash)}
              </span>
            </details>
          </dd>
        </div>
        <div>
          <dt>{t('handbook.title')}</dt>
          <dd>
            <a href={handbookPdfUrl(f.cycleYear, language, f.version)} download title={t('handbook.pdfHint')}>
              {t('handbook.pdf')}
            </a>
          </dd>
        </div>
        {f.reason !== null && (
          <div>
            <dt>{t('framework.facts.reason')}</dt>
            <dd>{f.reason}</dd>
          </div>
        )}
      </dl>
      {f.definition.illustrative && f.definition.notice !== undefined && <p className={styles.notice}>{localized(f.definition.notice, language)}</p>}
    </>
  );
}
