import { useTranslation } from 'react-i18next';
import { localized } from '../../../lib/localized.js';
import type { ReviewFeedback } from '../../../types/index.js';
import styles from './reviews.module.css';

/** 평가위원 의견: the panel's comments on each of the district's qualitative items, with no name attached. */
export function FeedbackList({ feedback }: { feedback: ReviewFeedback }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={styles.feedback}>
      <p className={styles.dossierMeta}>{t('reviews.feedback.lead')}</p>
      {feedback.items.map((item) => (
        <section key={item.indicatorCode} aria-labelledby={`feedback-${item.indicatorCode}`}>
          <h3 id={`feedback-${item.indicatorCode}`}>
            {item.indicatorCode} {localized(item.name, i18n.language)}
          </h3>
          {item.comments.length === 0 ? (
            <p>{t('reviews.feedback.none')}</p>
          ) : (
            <ul className={styles.dossierList}>
              {item.comments.map((c, i) => (
                <li key={i} className={styles.dossierText}>
                  {c}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
