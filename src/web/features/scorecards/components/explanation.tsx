import { useTranslation } from 'react-i18next';
import { localized } from '../../../lib/localized.js';
import type { Scorecard } from '../../../types/index.js';
import styles from './explanation.module.css';

/** The engine's plain-language account of the score, in the reader's language (Korean when English is missing). */
export function Explanation({ explanation }: { explanation: Scorecard['explanation'] }) {
  const { i18n } = useTranslation();
  const sentences = localized(explanation, i18n.language);
  if (sentences.length === 0) return null;
  return (
    <ul className={styles.list}>
      {sentences.map((sentence, i) => (
        <li key={i}>{sentence}</li>
      ))}
    </ul>
  );
}
