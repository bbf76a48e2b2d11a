import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { apiUrl } from '../../../lib/api-client.js';
import { formatDateTime, formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Objection } from '../../../types/work-api.js';
import { useWithdrawObjection } from '../api/withdraw-objection.js';
import { DecideObjectionDialog } from './decide-objection-dialog.js';
import { ObjectionStatusBadge } from './objection-status-badge.js';
import factStyles from '../../../components/ui/facts.module.css';
import styles from './objections.module.css';

interface ObjectionListProps {
  year: number;
  objections: Objection[];
  /** The city admin decides open objections (during the objection stage). */
  canDecide: boolean;
  /** Districts whose open objections the reader may withdraw. */
  withdrawFor: string[];
  showDistrict: boolean;
}

/** Objections with their reason, requested value, evidence, status and the city's decision. */
export function ObjectionList({ year, objections, canDecide, withdrawFor, showDistrict }: ObjectionListProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [deciding, setDeciding] = useState<Objection | null>(null);
  const withdraw = useWithdrawObjection(year);
  const withdrawProblem = withdraw.error instanceof ApiError ? withdraw.error : null;
  return (
    <>
      {withdrawProblem !== null && (
        <p className={styles.problem} role="alert">
          {withdrawProblem.detail ?? withdrawProblem.title}
        </p>
      )}
      <ul className={styles.list}>
        {objections.map((o) => {
          const indicator = `${o.indicator.code}${o.indicator.name === null ? '' : ` ${localized(o.indicator.name, language)}`}`;
          return (
            <li key={o.id} className={styles.objection}>
              <div className={styles.objectionHead}>
                <h3 className={styles.objectionTitle}>
                  {showDistrict && `${o.district.name} · `}
                  {indicator}
                </h3>
                <ObjectionStatusBadge status={o.status} />
              </div>
              <dl className={factStyles.facts}>
                <div>
                  <dt>{t('objections.list.filed')}</dt>
                  <dd>
                    {formatDateTime(o.filedAt, language)} {t('district.kst')}
                    {o.filedBy !== null && ` · ${o.filedBy}`}
                  </dd>
                </div>
                <div>
                  <dt>{t('objections.list.provisional')}</dt>
                  <dd>{formatNumber(o.provisionalValue)}</dd>
                </div>
                <div>
                  <dt>{t('objections.list.requested')}</dt>
                  <dd>{formatNumber(o.requestedValue)}</dd>
                </div>
                {o.evidence !== null && (
                  <div>
                    <dt>{t('objections.list.evidence')}</dt>
                    <dd>
                      <a href={apiUrl(`/evidence/${o.evidence.id}`)} download>
                        {o.evidence.originalName}
                      </a>
                    </dd>
                  </div>
                )}
              </dl>
              <p className={styles.reason}>
                <strong>{t('objections.list.reason')}:</strong> {o.reason}
              </p>
              {o.status !== 'filed' && o.status !== 'withdrawn' && (
                <div className={o.status === 'accepted' ? styles.decisionAccepted : styles.decisionRejected}>
                  <p>
                    <strong>{t(`objections.list.decision.${o.status}`)}</strong>
                    {o.correctedValue !== null && ` · ${t('objections.list.corrected', { value: formatNumber(o.correctedValue) })}`}
                    {o.decidedAt !== null && ` · ${formatDateTime(o.decidedAt, language)}`}
                  </p>
                  {o.decisionReason !== null && <p>{o.decisionReason}</p>}
                </div>
              )}
              {o.status === 'filed' && (
                <div className={styles.actions}>
                  {canDecide && (
                    <Button size="small" onClick={() => setDeciding(o)} aria-label={t('objections.list.decideLabel', { item: `${o.district.name} ${o.indicator.code}` })}>
                      {t('objections.list.decide')}
                    </Button>
                  )}
                  {withdrawFor.includes(o.district.code) && (
                    <Button variant="tertiary" size="small" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ id: o.id, version: o.version })}>
                      {t('objections.list.withdraw')}
                    </Button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <DecideObjectionDialog year={year} objection={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
