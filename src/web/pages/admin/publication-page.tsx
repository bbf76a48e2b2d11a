import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { Button, ButtonLink } from '../../components/ui/button.js';
import { SelectField, TextAreaField } from '../../components/ui/form-field.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import tableStyles from '../../components/ui/table.module.css';
import { paths } from '../../config/paths.js';
import { useCycles } from '../../features/cycles/api/get-cycles.js';
import {
  pressReleaseFileUrl,
  resultReportFileUrl,
  fetchPressReleaseVersion,
  usePressReleaseVersion,
  usePublicationWorkspace,
  useReloadPublication,
  useSavePressRelease,
} from '../../features/publication/api/publication.js';
import { formatDateTime } from '../../lib/format.js';
import { ApiError } from '../../lib/problem-details.js';
import type { Cycle, PublicationWorkspace } from '../../types/index.js';
import styles from '../page.module.css';
import admin from './publication-page.module.css';

/** Cycles whose results are final: the only ones a press release and a 결과 보고 can be made of. */
const withFinalResults = (cycles: Cycle[]) => cycles.filter((c) => c.status === 'final' || c.status === 'published');

/**
 * 공표 문서 (city admin; the auditor reads): the press release edited in the browser and saved as versions (a
 * second editor's save is refused, not overwritten), downloaded as PDF and .docx, old versions viewed and restored;
 * and the internal 결과 보고 to download.
 */
export default function PublicationPage() {
  const { t } = useTranslation();
  const params = useParams();
  const cycles = useCycles();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle title={t('publication.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('publication.heading')}</h1>
        <p className={styles.lead}>{t('publication.intro')}</p>
      </div>
      <QueryState
        query={cycles}
        isEmpty={(list) => withFinalResults(list).length === 0}
        empty={<EmptyState title={t('publication.noFinal')} text={t('publication.noFinalText')} />}
      >
        {(list) => {
          const finals = withFinalResults(list);
          if (params.year === undefined) return <Navigate to={paths.publication(finals[0]!.year)} replace />;
          const year = Number(params.year);
          if (!finals.some((c) => c.year === year)) return <NotFound />;
          return (
            <>
              <SelectField label={t('publication.cycleLabel')} value={year} onChange={(e) => void navigate(paths.publication(Number(e.target.value)))}>
                {finals.map((c) => (
                  <option key={c.year} value={c.year}>
                    {t('cycles.option', { year: c.year, stage: t(`stages.${c.status}`) })}
                  </option>
                ))}
              </SelectField>
              <Workspace key={year} year={year} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}

type Saved = { version: number; restoredFrom?: number };
type Outcome = { kind: 'conflict'; version: number } | { kind: 'unchanged' };

function Workspace({ year }: { year: number }) {
  const workspace = usePublicationWorkspace(year);
  // A save reloads the workspace and remounts the editor (its key is the version); the message outlives it.
  const [saved, setSaved] = useState<Saved | null>(null);
  return (
    <QueryState query={workspace}>
      {(ws) => <Loaded key={ws.currentVersion} ws={ws} saved={saved?.version === ws.currentVersion ? saved : null} onSaved={setSaved} />}
    </QueryState>
  );
}

function Loaded({ ws, saved, onSaved }: { ws: PublicationWorkspace; saved: Saved | null; onSaved: (s: Saved) => void }) {
  const { t, i18n } = useTranslation();
  const save = useSavePressRelease(ws.year);
  const reload = useReloadPublication(ws.year);
  const [text, setText] = useState(ws.text);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const dirty = text !== ws.text || ws.generated;
  const newest = ws.versions[0];

  const submit = async (body: { text: string; restoredFrom?: number }) => {
    setError(null);
    try {
      const result = await save.mutateAsync({ text: body.text, baseVersion: ws.currentVersion, restoredFrom: body.restoredFrom ?? null });
      onSaved({ version: result.version, restoredFrom: body.restoredFrom });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'stale_version') {
        const current = (e.extensions['current'] as { version?: number } | undefined)?.version ?? ws.currentVersion;
        setOutcome({ kind: 'conflict', version: current });
      } else if (e instanceof ApiError) setError(e);
      else throw e;
    }
  };

  return (
    <>
      {!ws.canEdit && (
        <Alert tone="info" title={t('publication.readOnly')}>
          {null}
        </Alert>
      )}
      <section className={styles.section} aria-labelledby="press-release-heading">
        <div className={styles.sectionHeader}>
          <h2 id="press-release-heading">{t('publication.editor.heading')}</h2>
          <span className={styles.meta}>
            {newest === undefined
              ? t('publication.editor.generated')
              : t('publication.editor.current', {
                  version: newest.version,
                  author: newest.authorName ?? '–',
                  at: formatDateTime(newest.createdAt, i18n.language),
                })}
          </span>
        </div>
        <div aria-live="polite">
          {saved !== null && outcome === null && (
            <Alert tone="success" role="status" title={t('publication.editor.savedTitle')}>
              <p>
                {saved.restoredFrom === undefined
                  ? t('publication.editor.saved', { version: saved.version })
                  : t('publication.versions.restored', { from: saved.restoredFrom, version: saved.version })}
              </p>
            </Alert>
          )}
          {outcome?.kind === 'unchanged' && (
            <Alert tone="info" role="status" title={t('publication.editor.unchanged')}>
              {null}
            </Alert>
          )}
          {outcome?.kind === 'conflict' && (
            <Alert
              tone="danger"
              role="alert"
              title={t('publication.editor.conflictTitle')}
              actions={
                <Button variant="secondary" onClick={() => void reload()}>
                  {t('publication.editor.loadLatest')}
                </Button>
              }
            >
              <p>{t('publication.editor.conflict', { version: outcome.version })}</p>
            </Alert>
          )}
          {error !== null && (
            <Alert tone="danger" role="alert" title={error.title}>
              {error.detail === undefined ? null : <p>{error.detail}</p>}
            </Alert>
          )}
        </div>
        <TextAreaField
          className={admin.editor}
          label={t('publication.editor.label')}
          hint={t('publication.editor.hint')}
          value={text}
          rows={28}
          readOnly={!ws.canEdit}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            if (outcome?.kind !== 'conflict') setOutcome(null);
          }}
        />
        {ws.canEdit && (
          <div className={admin.actions}>
            <Button
              disabled={save.isPending}
              onClick={() => {
                if (!dirty) setOutcome({ kind: 'unchanged' });
                else void submit({ text });
              }}
            >
              {save.isPending ? t('publication.editor.saving') : t('publication.editor.save')}
            </Button>
            <ButtonLink variant="secondary" href={pressReleaseFileUrl(ws.year, 'pdf')} download>
              {t('publication.editor.downloadPdf')}
            </ButtonLink>
            <ButtonLink variant="secondary" href={pressReleaseFileUrl(ws.year, 'docx')} download>
              {t('publication.editor.downloadDocx')}
            </ButtonLink>
          </div>
        )}
        {ws.canEdit && <p className={styles.meta}>{text !== ws.text ? t('publication.editor.unsaved') : t('publication.editor.downloadsNote')}</p>}
      </section>

      <section className={styles.section} aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('publication.versions.heading')}</h2>
        {ws.versions.length === 0 ? (
          <p className={styles.meta}>{t('publication.versions.empty')}</p>
        ) : (
          <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('publication.versions.caption')}>
            <table className={tableStyles.table}>
              <caption className="visually-hidden">{t('publication.versions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className={tableStyles.num}>
                    {t('publication.versions.version')}
                  </th>
                  <th scope="col">{t('publication.versions.author')}</th>
                  <th scope="col">{t('publication.versions.at')}</th>
                  <th scope="col">{t('publication.versions.note')}</th>
                  <th scope="col">{t('publication.versions.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {ws.versions.map((v) => (
                  <tr key={v.version}>
                    <th scope="row" className={tableStyles.num}>
                      {v.version}
                    </th>
                    <td>{v.authorName ?? '–'}</td>
                    <td>{formatDateTime(v.createdAt, i18n.language)}</td>
                    <td>{v.restoredFrom === null ? '' : t('publication.versions.restoredFrom', { version: v.restoredFrom })}</td>
                    <td>
                      <div className={admin.actions}>
                        <Button
                          variant="secondary"
                          size="small"
                          aria-label={t('publication.versions.viewLabel', { version: v.version })}
                          aria-pressed={viewing === v.version}
                          onClick={() => setViewing(viewing === v.version ? null : v.version)}
                        >
                          {t('publication.versions.view')}
                        </Button>
                        {ws.canEdit && v.version !== ws.currentVersion && (
                          <RestoreButton
                            year={ws.year}
                            version={v.version}
                            disabled={save.isPending}
                            onRestore={(old) => void submit({ text: old, restoredFrom: v.version })}
                          />
                        )}
                        {ws.canEdit && (
                          <>
                            <ButtonLink
                              variant="secondary"
                              size="small"
                              href={pressReleaseFileUrl(ws.year, 'pdf', v.version)}
                              download
                              aria-label={t('publication.versions.pdfLabel', { version: v.version })}
                            >
                              {t('publication.versions.pdf')}
                            </ButtonLink>
                            <ButtonLink
                              variant="secondary"
                              size="small"
                              href={pressReleaseFileUrl(ws.year, 'docx', v.version)}
                              download
                              aria-label={t('publication.versions.docxLabel', { version: v.version })}
                            >
                              {t('publication.versions.docx')}
                            </ButtonLink>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {viewing !== null && <VersionText year={ws.year} version={viewing} onClose={() => setViewing(null)} />}
      </section>

      <section className={styles.section} aria-labelledby="report-heading">
        <h2 id="report-heading">{t('publication.report.heading')}</h2>
        <p>{t('publication.report.intro')}</p>
        <div className={admin.actions}>
          <ButtonLink variant="secondary" href={resultReportFileUrl(ws.year, 'pdf')} download>
            {t('publication.report.downloadPdf')}
          </ButtonLink>
          <ButtonLink variant="secondary" href={resultReportFileUrl(ws.year, 'docx')} download>
            {t('publication.report.downloadDocx')}
          </ButtonLink>
        </div>
      </section>
    </>
  );
}

/** Saves an old version's text as the newest version (read from the server, not from the editor). */
function RestoreButton({ year, version, disabled, onRestore }: { year: number; version: number; disabled: boolean; onRestore: (text: string) => void }) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  return (
    <Button
      variant="secondary"
      size="small"
      disabled={disabled || loading}
      aria-label={t('publication.versions.restoreLabel', { version })}
      onClick={() => {
        setLoading(true);
        void fetchPressReleaseVersion(year, version)
          .then((old) => onRestore(old.text))
          .finally(() => setLoading(false));
      }}
    >
      {t('publication.versions.restore')}
    </Button>
  );
}

function VersionText({ year, version, onClose }: { year: number; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const query = usePressReleaseVersion(year, version);
  return (
    <section className={styles.section} aria-labelledby="version-text-heading">
      <div className={styles.sectionHeader}>
        <h3 id="version-text-heading">{t('publication.versions.viewing', { version })}</h3>
        <Button variant="secondary" size="small" onClick={onClose}>
          {t('publication.versions.close')}
        </Button>
      </div>
      <QueryState query={query}>
        {(v) => (
          <pre className={admin.versionText} tabIndex={0} aria-label={t('publication.versions.viewing', { version })}>
            {v.text}
          </pre>
        )}
      </QueryState>
    </section>
  );
}
