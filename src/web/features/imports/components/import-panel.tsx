import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { ButtonLink } from '../../../components/ui/button.js';
import { FileUpload } from '../../../components/ui/file-upload.js';
import { SelectField } from '../../../components/ui/form-field.js';
import { formatNumber } from '../../../lib/format.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ImportResponse } from '../../../types/index.js';
import { templateUrl } from '../api/template-url.js';
import { useUploadImport } from '../api/upload-import.js';
import { ImportErrorsTable } from './import-errors-table.js';
import { ImportHistory } from './import-history.js';
import { ImportProgress } from './import-progress.js';
import styles from './imports.module.css';

interface ImportPanelProps {
  code: string;
  year: number;
  /** Record types for a CSV file (one type per file): code and name in the reader's language. */
  recordTypes: { code: string; name: string }[];
  canImport: boolean;
  /** After records were written: records and indicator previews are stale. */
  onImported: () => void;
}

type Outcome =
  | { kind: 'done'; result: Extract<ImportResponse, { status: 'committed' }> }
  | { kind: 'queued'; importId: number }
  | { kind: 'refused'; error: ApiError; fileName: string };

/**
 * Spreadsheet import: download the district's template, fill it in Excel, upload it with a progress bar. A refused
 * file lists every problem by sheet, row and column; a large CSV runs as a background job that can be left and
 * followed later in the history below.
 */
export function ImportPanel({ code, year, recordTypes, canImport, onImported }: ImportPanelProps) {
  const { t } = useTranslation();
  const upload = useUploadImport(year, code);
  const [csvType, setCsvType] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fileName = useRef('');

  return (
    <div className={styles.panel}>
      <section className={styles.step} aria-labelledby="import-template-heading">
        <h3 id="import-template-heading">{t('imports.template.heading')}</h3>
        <p>{t('imports.template.text')}</p>
        <div className={styles.actions}>
          <ButtonLink href={templateUrl(year, code)} download variant="secondary">
            {t('imports.template.download')}
          </ButtonLink>
          <ButtonLink href={templateUrl(year, code, true)} download variant="tertiary">
            {t('imports.template.downloadPrefilled')}
          </ButtonLink>
        </div>
      </section>

      {canImport && (
        <section className={styles.step} aria-labelledby="import-upload-heading">
          <h3 id="import-upload-heading">{t('imports.upload.heading')}</h3>
          <p>{t('imports.upload.text')}</p>
          <SelectField
            label={t('imports.upload.csvType')}
            hint={t('imports.upload.csvTypeHint')}
            value={csvType}
            onChange={(e) => setCsvType(e.target.value)}
            className={styles.csvType}
          >
            <option value="">{t('imports.upload.csvTypeNone')}</option>
            {recordTypes.map((type) => (
              <option key={type.code} value={type.code}>
                {type.name}
              </option>
            ))}
          </SelectField>
          <FileUpload
            label={t('imports.upload.fileLabel')}
            hint={t('imports.upload.fileHint')}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            buttonLabel={t('imports.upload.submit')}
            upload={async (file, onProgress, signal) => {
              setOutcome(null);
              fileName.current = file.name;
              const result = await upload(file, { recordType: csvType, onProgress, signal });
              if (result.status === 'queued') setOutcome({ kind: 'queued', importId: result.importId });
              else {
                setOutcome({ kind: 'done', result });
                onImported();
              }
            }}
            onError={(error) => {
              // A checked file's problems get a table of their own; other failures stay at the field.
              if (error instanceof ApiError && error.status === 400 && error.code === 'import_invalid') {
                setOutcome({ kind: 'refused', error, fileName: fileName.current });
                return true;
              }
              return false;
            }}
          />
          <div aria-live="polite">{outcome !== null && <OutcomeView outcome={outcome} onImported={onImported} />}</div>
        </section>
      )}

      <section className={styles.step} aria-labelledby="import-history-heading">
        <h3 id="import-history-heading">{t('imports.history.heading')}</h3>
        <ImportHistory code={code} year={year} />
      </section>
    </div>
  );
}

function OutcomeView({ outcome, onImported }: { outcome: Outcome; onImported: () => void }) {
  const { t } = useTranslation();
  if (outcome.kind === 'queued') return <ImportProgress importId={outcome.importId} onFinished={onImported} />;
  if (outcome.kind === 'refused') {
    const total = typeof outcome.error.extensions.errorCount === 'number' ? outcome.error.extensions.errorCount : outcome.error.errors.length;
    return (
      <Alert tone="danger" role="alert" title={t('imports.refused.title', { count: total })}>
        <p>{outcome.error.detail}</p>
        <ImportErrorsTable
          caption={t('imports.errors.caption', { name: outcome.fileName })}
          total={total}
          errors={outcome.error.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, message: e.message }))}
        />
      </Alert>
    );
  }
  const { result } = outcome;
  return (
    <Alert tone="success" role="status" title={t('imports.done.title')}>
      <p>
        {t('imports.done.counts', {
          created: formatNumber(result.created),
          updated: formatNumber(result.updated ?? 0),
          unchanged: formatNumber(result.unchanged ?? 0),
        })}
      </p>
      {result.directValues !== undefined && result.directValues.rows > 0 && (
        <p>{t('imports.done.directValues', { saved: formatNumber(result.directValues.saved), rows: formatNumber(result.directValues.rows) })}</p>
      )}
      {result.sheets !== undefined && result.sheets.some((s) => s.recordType !== null && s.rows > 0) && (
        <ul>
          {result.sheets
            .filter((s) => s.recordType !== null && s.rows > 0)
            .map((s) => (
              <li key={s.sheet}>{t('imports.done.sheet', { sheet: s.sheet, created: formatNumber(s.created), updated: formatNumber(s.updated) })}</li>
            ))}
        </ul>
      )}
    </Alert>
  );
}
