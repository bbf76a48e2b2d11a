import { useTranslation } from 'react-i18next';
import { localized } from '../../../lib/localized.js';
import type { Rubric } from '../../../types/index.js';
import styles from './rubric-view.module.css';

/** A qualitative indicator's rubric: criteria with weights and, for level scales, what each level 1–5 means. */
export function RubricView({ rubric, code }: { rubric: Rubric; code: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const totalWeight = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <div className={styles.rubric}>
      <h3>{t('framework.rubric.heading')}</h3>
      <p className={styles.meta}>{t(rubric.scale === 'levels' ? 'framework.rubric.levelsScale' : 'framework.rubric.pointsScale')}</p>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label={t('framework.rubric.caption', { code })}>
        <table className={styles.table}>
          <caption className="visually-hidden">{t('framework.rubric.caption', { code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('framework.rubric.criterion')}</th>
              <th scope="col" className="num">
                {t('framework.rubric.weight')}
              </th>
              {rubric.scale === 'levels' ? (
                <th scope="col">{t('framework.rubric.levels')}</th>
              ) : (
                <th scope="col" className="num">
                  {t('framework.rubric.maxPoints')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rubric.criteria.map((criterion) => (
              <tr key={criterion.code}>
                <th scope="row">
                  {localized(criterion.name, language)}
                  <span className={styles.code}>{criterion.code}</span>
                </th>
                <td className="num">
                  {criterion.weight}
                  {totalWeight > 0 && <span className={styles.share}> ({Math.round((criterion.weight / totalWeight) * 100)}%)</span>}
                </td>
                {rubric.scale === 'levels' ? (
                  <td>
                    <ol className={styles.levels}>
                      {(criterion.levels ?? []).map((level) => (
                        <li key={level.level}>
                          <span className={styles.level}>{level.level}</span>
                          {localized(level.description, language)}
                        </li>
                      ))}
                    </ol>
                  </td>
                ) : (
                  <td className="num">{criterion.maxPoints ?? '–'}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
