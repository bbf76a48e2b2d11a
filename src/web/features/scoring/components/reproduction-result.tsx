import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { ErrorState } from '../../../components/ui/status.js';
import { shortHash } from '../../../lib/format.js';
import type { Reproduction } from '../../../types/index.js';
import styles from './scoring.module.css';

function show(value: unknown): string {
  if (value === null || value === undefined) return '–';
  return typeof value === 'number' ? String(Math.round(value * 1e6) / 1e6) : String(value);
}

/** "Identical ✔" with both hashes, or the districts whose score, rank or tier came out differently. */
export function ReproductionResult({ mutation }: { mutation: UseMutationResult<Reproduction, Error, number> }) {
  const { t } = useTranslation();
  if (mutation.isError) return <ErrorState error={mutation.error} />;
  if (!mutation.isSuccess) return null;
  const r = mutation.data;
  const hashes = (
    <p>
      {t('scoring.reproduce.hashes', { stored: shortHash(r.storedHash), recomputed: shortHash(r.recomputedHash) })}{' '}
      {t('scoring.reproduce.engines', { stored: r.engineVersion.stored, current: r.engineVersion.current })}
    </p>
  );
  if (r.identical) {
    return (
      <Alert tone="success" title={t('scoring.reproduce.identical', { id: r.runId })}>
        {hashes}
      </Alert>
    );
  }
  return (
    <Alert tone="danger" title={t('scoring.reproduce.different', { id: r.runId, count: r.differences.length })}>
      {hashes}
      {r.differences.length > 0 && (
        <table>
          <caption className="visually-hidden">{t('scoring.reproduce.differencesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.columns.district')}</th>
              <th scope="col">{t('scoring.reproduce.what')}</th>
              <th scope="col">{t('scoring.reproduce.stored')}</th>
              <th scope="col">{t('scoring.reproduce.recomputed')}</th>
            </tr>
          </thead>
          <tbody>
            {r.differences.map((d) => (
              <tr key={`${d.code}:${d.field}`}>
                <td>{d.code}</td>
                <td>{t(`scoring.reproduce.fields.${d.field === 'rank' ? 'rank' : d.field === 'awardTier' ? 'awardTier' : 'score'}`)}</td>
                <td className={styles.mono}>{show(d.stored)}</td>
                <td className={styles.mono}>{show(d.recomputed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Alert>
  );
}
