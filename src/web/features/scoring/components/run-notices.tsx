import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ScoringRun } from '../../../types/index.js';
import { BlockingTable } from '../../cycles/components/blocking-list.js';
import styles from './scoring.module.css';

/**
 * What the admin must know about a run, in plain words: how complete the data were (a trial run on partial data
 * says it is for reference only), an override and its reason, and the engine's warnings translated; the raw engine
 * lines sit behind "자세히".
 */
export function RunNotices({ run }: { run: ScoringRun }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const notices = run.notices;
  const raw = run.result?.warnings ?? [];
  if (notices === null) {
    return raw.length === 0 ? null : <RawWarnings warnings={raw} />;
  }
  const complete = notices.completeness.total > 0 && notices.completeness.verified === notices.completeness.total;
  return (
    <div className={styles.notices}>
      <Alert tone={complete ? 'info' : 'warning'} title={t('runNotices.heading')}>
        <p>{localized(notices.completeness.message, language)}</p>
        {notices.override !== null && (
          <>
            <p>{t('runNotices.override', { reason: notices.override.reason, total: formatNumber(notices.override.blocking.total) })}</p>
            <BlockingTable list={notices.override.blocking} caption={t('runGate.blockingTitle')} />
          </>
        )}
      </Alert>
      {notices.messages.length > 0 && (
        <section aria-label={t('runNotices.messagesHeading')}>
          <h3>{t('runNotices.messagesHeading')}</h3>
          <ul>
            {notices.messages.map((m) => (
              <li key={m.code}>{localized(m.message, language)}</li>
            ))}
          </ul>
        </section>
      )}
      {raw.length > 0 && <RawWarnings warnings={raw} />}
    </div>
  );
}

function RawWarnings({ warnings }: { warnings: NonNullable<ScoringRun['result']>['warnings'] }) {
  const { t, i18n } = useTranslation();
  return (
    <details>
      <summary>{t('runNotices.details', { count: warnings.length })}</summary>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${i}:${w.ko}`}>{localized(w, i18n.language)}</li>
        ))}
      </ul>
    </details>
  );
}
