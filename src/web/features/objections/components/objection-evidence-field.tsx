import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { FileUpload } from '../../../components/ui/file-upload.js';
import type { EvidenceFile } from '../../../types/index.js';
import { uploadObjectionEvidence } from '../api/upload-evidence.js';
import styles from './objections.module.css';

/** The one evidence file an objection or a reply carries: upload it under the given district, or remove it. */
export function ObjectionEvidenceField({
  district,
  evidence,
  onChange,
}: {
  district: string;
  evidence: EvidenceFile | null;
  onChange: (file: EvidenceFile | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={styles.evidence}>
      {evidence !== null && (
        <p>
          {t('objections.form.attached', { name: evidence.originalName })}{' '}
          <Button variant="tertiary" size="small" onClick={() => onChange(null)}>
            {t('objections.form.removeEvidence')}
          </Button>
        </p>
      )}
      <FileUpload
        label={t('objections.form.evidence')}
        hint={t('objections.form.evidenceHint')}
        accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.xlsx,.docx,.pptx,.hwp,.hwpx"
        upload={async (chosen, onProgress, signal) => onChange(await uploadObjectionEvidence(district, chosen, onProgress, signal))}
      />
    </div>
  );
}
