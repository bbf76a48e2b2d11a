import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { formatNumber, formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { Objection, ProvisionalScorecard as Scorecard } from '../../../types/index.js';
import { ObjectionStatusBadge } from './objection-status-badge.js';
import tableStyles from '../../../components/ui/table.module.css';
import styles from './objections.module.css';

interface ProvisionalScorecardProps {
  scorecard: Scorecard;
  objections: Objection[];
  /** Objections may be filed now (district member, filing window open). */
  canObject: boolean;
  onObject: (indicator: Scorecard['indicators'][number]) => void;
}

/** One district's provisional scorecard, indicator by indicator, with an objection button for each. */
export function ProvisionalScorecard({ scorecard, objections, canObject, onObject }: ProvisionalScorecardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className={styles.scorecard}>
      <p className={styles.summary}>{t('objections.scorecard.summary', { score: formatScore(scorecard.score), rank: scorecard.rank ?? '–' })}</p>
      <p className={styles.explanation}>{localized(scorecard.explanation, language)}</p>
      <div
        className={`${tableStyles.scroll} ${styles.tallScroll}`}
        tabIndex={0}
        role="region"
        aria-label={t('objections.scorecard.caption', { name: scorecard.name })}
      >
        <table className={tableStyles.table}>
          <caption className="visually-hidden">{t('objections.scorecard.caption', { name: scorecard.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('objections.scorecard.indicator')}</th>
              <th scope="col" className={tableStyles.num}>
                {t('objections.scorecard.value')}
              </th>
              <th scope="col" className={tableStyles.num}>
                {t('objections.scorecard.earned')}
              </th>
              <th scope="col">{t('objections.scorecard.objection')}</th>
            </tr>
          </thead>
          <tbody>
            {scorecard.indicators.map((indicator) => {
              const filed = objections.filter((o) => o.indicator.code === indicator.code && o.district.code === scorecard.code);
              const open = filed.find((o) => o.status === 'filed' && o.actions.withdraw);
              const name = localized(indicator.name, language);
              return (
                <tr key={indicator.code}>
                  <th scope="row">
                    <span className={styles.code}>{indicator.code}</span> {name}
                  </th>
                  <td className={tableStyles.num}>
                    {formatNumber(indicator.value)}
                    {indicator.value !== null && indicator.unit !== '' && ` ${indicator.unit}`}
                  </td>
                  <td className={tableStyles.num}>
                    {formatScore(indicator.earned)} / {formatNumber(indicator.points)}
                  </td>
                  <td>
                    {filed.length > 0 && <ObjectionStatusBadge status={filed[0]!.status} stage={filed[0]!.stage} />}
                    {canObject && open === undefined && (
                      <Button
                        variant="tertiary"
                        size="small"
                        aria-label={t('objections.scorecard.fileLabel', { district: scorecard.name, indicator: `${indicator.code} ${name}` })}
                        onClick={() => onObject(indicator)}
                      >
                        {t('objections.scorecard.file')}
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
