import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { apiUrl } from '../../../lib/api-client.js';
import { formatFileSize } from '../../../lib/file-size.js';
import { formatDate, formatDateTime, formatNumber, formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ReviewDossier } from '../../../types/index.js';
import styles from './reviews.module.css';

const inlineUrl = (id: number) => apiUrl(`/evidence/${id}?inline=1`);

/**
 * 평가 자료: what the reviewer scores, beside the rubric — the district's description and value, the 우수사례 records
 * that feed the item, its evidence files (PDF and images open here, served to this reviewer only) and last year's
 * result. On a blind panel every name is already a pseudonym when it reaches the browser.
 */
export function DossierPanel({ dossier }: { dossier: ReviewDossier }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const firstInline = dossier.evidence.find((e) => e.inline)?.id ?? null;
  const [open, setOpen] = useState<number | null>(firstInline);
  const shown = dossier.evidence.find((e) => e.id === open) ?? null;

  return (
    <section className={styles.dossier} aria-labelledby="dossier-heading">
      <h2 id="dossier-heading">{t('reviews.dossier.heading')}</h2>
      {dossier.blind && <p className={styles.blindNote}>{t('reviews.dossier.blindNote', { label: localized(dossier.district.label, language) })}</p>}

      <h3>{t('reviews.dossier.submission')}</h3>
      {dossier.submission === null ? (
        <p>{t('reviews.dossier.noSubmission')}</p>
      ) : (
        <>
          {dossier.submission.comment !== null && <p className={styles.dossierText}>{dossier.submission.comment}</p>}
          <p className={styles.dossierMeta}>
            {dossier.submission.value !== null && <>{t('reviews.dossier.value', { value: formatNumber(dossier.submission.value) })} · </>}
            {t('reviews.dossier.updated', { at: formatDateTime(dossier.submission.updatedAt, language) })}
          </p>
        </>
      )}

      <h3>{t('reviews.dossier.records', { count: dossier.records.length })}</h3>
      {dossier.records.length === 0 ? (
        <p>{t('reviews.dossier.noRecords')}</p>
      ) : (
        <ul className={styles.dossierList}>
          {dossier.records.map((r) => (
            <li key={r.id}>
              <strong>{r.title ?? localized(r.recordType.name, language)}</strong>{' '}
              <span className={styles.dossierMeta}>
                {localized(r.recordType.name, language)} · {formatDate(r.occurredOn, language)}
              </span>
              {r.summary !== null && <p className={styles.dossierText}>{r.summary}</p>}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('reviews.dossier.evidence', { count: dossier.evidence.length })}</h3>
      {dossier.evidence.length === 0 ? (
        <p>{t('reviews.dossier.noEvidence')}</p>
      ) : (
        <ul className={styles.dossierList}>
          {dossier.evidence.map((e) => (
            <li key={e.id} className={styles.evidenceRow}>
              <span>
                {e.name} <span className={styles.dossierMeta}>({formatFileSize(e.size)})</span>
              </span>
              <span className={styles.evidenceActions}>
                {e.inline && (
                  <Button type="button" variant="secondary" size="small" aria-pressed={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                    {open === e.id ? t('reviews.dossier.hide', { name: e.name }) : t('reviews.dossier.show', { name: e.name })}
                  </Button>
                )}
                <a href={apiUrl(`/evidence/${e.id}`)} download>
                  {t('reviews.dossier.download', { name: e.name })}
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
      {shown !== null &&
        (shown.mediaType === 'application/pdf' ? (
          <iframe className={styles.evidenceFrame} src={inlineUrl(shown.id)} title={t('reviews.dossier.viewer', { name: shown.name })} />
        ) : (
          <img className={styles.evidenceImage} src={inlineUrl(shown.id)} alt={t('reviews.dossier.viewer', { name: shown.name })} />
        ))}

      <h3>{t('reviews.dossier.lastYear')}</h3>
      {dossier.lastYear === null ? (
        <p>{t('reviews.dossier.noLastYear')}</p>
      ) : (
        <p>
          {t('reviews.dossier.lastYearValue', {
            year: dossier.lastYear.year,
            value: formatScore(dossier.lastYear.value, 1),
            points: formatScore(dossier.lastYear.points, 2),
          })}
        </p>
      )}
    </section>
  );
}
