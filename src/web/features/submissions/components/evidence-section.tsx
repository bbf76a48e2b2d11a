import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { FileUpload } from '../../../components/ui/file-upload.js';
import { apiUrl } from '../../../lib/api-client.js';
import { formatFileSize } from '../../../lib/file-size.js';
import { formatDateTime } from '../../../lib/format.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { SubmissionItem } from '../../../types/index.js';
import { useAttachEvidence } from '../api/attach-evidence.js';
import { useDetachEvidence } from '../api/detach-evidence.js';
import { uploadEvidence } from '../api/upload-evidence.js';
import styles from './submissions.module.css';

export const evidenceAccept = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.xlsx,.docx,.pptx,.hwp,.hwpx';

interface EvidenceSectionProps {
  year: number;
  code: string;
  item: SubmissionItem;
  canEdit: boolean;
}

/** The item's evidence files (download links), with upload and attach (progress shown) while it may be changed. */
export function EvidenceSection({ year, code, item, canEdit }: EvidenceSectionProps) {
  const { t, i18n } = useTranslation();
  const indicator = item.indicator.code;
  const attach = useAttachEvidence(year, code, indicator);
  const detach = useDetachEvidence(year, code, indicator);
  const detachProblem = detach.error instanceof ApiError ? detach.error : null;

  return (
    <div className={styles.evidence}>
      <h4 className={styles.subheading}>
        {t('submissions.evidence.heading')}
        {item.indicator.evidenceRequired && <span className={styles.requiredTag}>{t('submissions.evidence.required')}</span>}
      </h4>
      {item.evidence.length === 0 ? (
        <p className={styles.muted}>{t('submissions.evidence.none')}</p>
      ) : (
        <ul className={styles.evidenceList}>
          {item.evidence.map((file) => (
            <li key={file.id}>
              <a href={apiUrl(`/evidence/${file.id}`)} download>
                {file.originalName}
              </a>
              <span className={styles.muted}>
                {' '}
                {formatFileSize(file.size)} · {formatDateTime(file.addedAt, i18n.language)}
              </span>
              {canEdit && (
                <Button
                  variant="tertiary"
                  size="small"
                  disabled={detach.isPending}
                  aria-label={t('submissions.evidence.detachLabel', { name: file.originalName })}
                  onClick={() => detach.mutate({ evidenceId: file.id, version: item.version })}
                >
                  {t('submissions.evidence.detach')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {detachProblem !== null && (
        <p className={styles.problem} role="alert">
          {detachProblem.code === 'stale_version' ? t('submissions.stale.text') : (detachProblem.detail ?? detachProblem.title)}
        </p>
      )}
      {canEdit && (
        <FileUpload
          label={t('submissions.evidence.uploadLabel', { code: indicator })}
          hint={t('submissions.evidence.hint')}
          accept={evidenceAccept}
          buttonLabel={t('submissions.evidence.upload')}
          upload={async (file, onProgress, signal) => {
            const stored = await uploadEvidence(code, file, onProgress, signal);
            await attach.mutateAsync({ evidenceId: stored.id, version: item.version });
          }}
        />
      )}
    </div>
  );
}
