import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { apiUrl } from '../../../lib/api-client.js';
import { formatDateTime, formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Objection, ObjectionEvidence, ObjectionSchedule } from '../../../types/index.js';
import { useWithdrawObjection } from '../api/withdraw-objection.js';
import { DecideObjectionDialog } from './decide-objection-dialog.js';
import { ObjectionStatusBadge } from './objection-status-badge.js';
import { ReplyObjectionDialog } from './reply-objection-dialog.js';
import factStyles from '../../../components/ui/facts.module.css';
import styles from './objections.module.css';
import { unitIn } from '../../../lib/unit-words.js';

interface ObjectionListProps {
  year: number;
  objections: Objection[];
  schedule: ObjectionSchedule;
}

function EvidenceLink({ file }: { file: ObjectionEvidence }) {
  return (
    <a href={apiUrl(`/evidence/${file.id}`)} download>
      {file.originalName}
    </a>
  );
}

/**
 * Objections stage by stage: who filed against which district's figure and why, the contested district's reply,
 * and the decision with its reason. Each shows the buttons its reader may use now (reply, decide, withdraw).
 */
export function ObjectionList({ year, objections, schedule }: ObjectionListProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const when = (iso: string | null) => (iso === null ? '–' : `${formatDateTime(iso, language)} ${t('district.kst')}`);
  const [deciding, setDeciding] = useState<Objection | null>(null);
  const [replying, setReplying] = useState<Objection | null>(null);
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
          const cross = o.filer.code !== o.district.code;
          const unit = o.indicator.unit ? ` ${unitIn(o.indicator.unit, language)}` : '';
          const item = `${o.district.name} ${o.indicator.code}`;
          return (
            <li key={o.id} className={styles.objection} aria-labelledby={`objection-${o.id}`}>
              <div className={styles.objectionHead}>
                <h3 className={styles.objectionTitle} id={`objection-${o.id}`}>
                  {o.district.name} · {o.adjustment !== null && `${t('objections.list.adjustment')} `}
                  {indicator}
                </h3>
                <ObjectionStatusBadge status={o.status} stage={o.stage} />
              </div>
              <ol className={styles.steps} aria-label={t('objections.list.steps')}>
                <li className={styles.stepDone}>
                  <strong>{t('objections.list.stepFiled')}</strong>{' '}
                  {cross ? t('objections.list.filedByOther', { filer: o.filer.name }) : t('objections.list.filedByOwn')} · {when(o.filedAt)}
                  {o.filedBy !== null && ` · ${o.filedBy}`}
                </li>
                <li className={o.reply !== null ? styles.stepDone : styles.stepPending}>
                  <strong>{t('objections.list.stepReply')}</strong>{' '}
                  {!cross
                    ? t('objections.list.noReplyNeeded')
                    : o.reply !== null
                      ? `${when(o.reply.at)}${o.reply.by === null ? '' : ` · ${o.reply.by}`}`
                      : o.stage === 'awaiting_reply'
                        ? t('objections.list.replyDue', { due: when(schedule.replyDueAt) })
                        : t('objections.list.noReply')}
                </li>
                <li className={o.decidedAt !== null ? styles.stepDone : styles.stepPending}>
                  <strong>{t('objections.list.stepDecision')}</strong>{' '}
                  {o.decidedAt !== null
                    ? `${when(o.decidedAt)}${o.decidedBy === null ? '' : ` · ${o.decidedBy}`}`
                    : o.status === 'withdrawn'
                      ? t('objections.status.withdrawn')
                      : t('objections.list.decisionDue', { due: when(schedule.decisionDueAt) })}
                </li>
              </ol>
              <dl className={factStyles.facts}>
                {o.adjustment === null ? (
                  <div>
                    <dt>{t('objections.list.provisional')}</dt>
                    <dd>
                      {formatNumber(o.provisionalValue)}
                      {o.provisionalValue !== null && unit}
                    </dd>
                  </div>
                ) : (
                  <div>
                    <dt>{t('objections.list.adjustmentPoints')}</dt>
                    <dd>
                      {formatNumber(o.adjustment.points)} ({o.adjustment.reason})
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t('objections.list.requested')}</dt>
                  <dd>
                    {formatNumber(o.requestedValue)}
                    {o.requestedValue !== null && unit}
                  </dd>
                </div>
                {o.evidence !== null && (
                  <div>
                    <dt>{t('objections.list.evidence')}</dt>
                    <dd>
                      <EvidenceLink file={o.evidence} />
                    </dd>
                  </div>
                )}
              </dl>
              <p className={styles.reason}>
                <strong>{t('objections.list.reason')}:</strong> {o.reason}
              </p>
              {o.reply !== null && (
                <div className={styles.reply}>
                  <p>
                    <strong>{t('objections.list.replyOf', { district: o.district.name })}:</strong> {o.reply.text}
                  </p>
                  {o.reply.evidence !== null && (
                    <p>
                      {t('objections.list.evidence')}: <EvidenceLink file={o.reply.evidence} />
                    </p>
                  )}
                </div>
              )}
              {(o.status === 'accepted' || o.status === 'rejected') && (
                <div className={o.status === 'accepted' ? styles.decisionAccepted : styles.decisionRejected}>
                  <p>
                    <strong>{t(`objections.list.decision.${o.status}`)}</strong>
                    {o.correctedValue !== null && ` · ${t('objections.list.corrected', { value: `${formatNumber(o.correctedValue)}${unit}` })}`}
                    {o.reopenedReviews !== null && ` · ${t('objections.list.reopened', { count: o.reopenedReviews })}`}
                  </p>
                  {o.decisionReason !== null && <p>{o.decisionReason}</p>}
                </div>
              )}
              {(o.actions.reply || o.actions.decide || o.actions.withdraw) && (
                <div className={styles.actions}>
                  {o.actions.reply && (
                    <Button size="small" onClick={() => setReplying(o)} aria-label={t('objections.list.replyLabel', { item })}>
                      {t('objections.list.reply')}
                    </Button>
                  )}
                  {o.actions.decide && (
                    <Button size="small" onClick={() => setDeciding(o)} aria-label={t('objections.list.decideLabel', { item })}>
                      {t('objections.list.decide')}
                    </Button>
                  )}
                  {o.actions.withdraw && (
                    <Button
                      variant="tertiary"
                      size="small"
                      disabled={withdraw.isPending}
                      onClick={() => withdraw.mutate({ id: o.id, version: o.version })}
                      aria-label={t('objections.list.withdrawLabel', { item })}
                    >
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
      <ReplyObjectionDialog year={year} objection={replying} onClose={() => setReplying(null)} />
    </>
  );
}
