import { useTranslation } from 'react-i18next';
import type { ScoringRunKind } from '../../../types/index.js';
import styles from './scoring.module.css';

const icons: Record<ScoringRunKind, string> = { trial: '◇', provisional: '◐', final: '●' };

/** The kind of a run (시험 / 가결과 / 최종), by word and symbol as well as colour. */
export function RunKindBadge({ kind }: { kind: ScoringRunKind }) {
  const { t } = useTranslation();
  return (
    <span className={`${styles.badge} ${styles[kind]}`}>
      <span aria-hidden="true">{icons[kind]}</span>
      {t(`scoring.kinds.${kind}`)}
    </span>
  );
}
