import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { ItemStatusBadge } from '../../../components/ui/item-status-badge.js';
import { formatDateTime, formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { RecordType, SubmissionItem, SubmissionWarning } from '../../../types/index.js';
import { GuidancePanel, type IndicatorGuidance } from '../../frameworks/components/guidance-panel.js';
import { useApproveSubmission } from '../api/approve-submission.js';
import { useReturnToOfficer } from '../api/return-to-officer.js';
import { ComputationView } from './computation-view.js';
import { EvidenceSection } from './evidence-section.js';
import { ItemFlags } from './item-flags.js';
import { ReturnReasonDialog } from './return-reason-dialog.js';
import { ValueForm } from './value-form.js';
import factStyles from '../../../components/ui/facts.module.css';
import styles from './submissions.module.css';
import { unitIn } from '../../../lib/unit-words.js';

interface IndicatorItemProps {
  year: number;
  code: string;
  item: SubmissionItem;
  recordTypes: RecordType[];
  defaultOpen: boolean;
  /** The indicator's 평가 편람 from the cycle's framework, shown beside the form. */
  guidance?: IndicatorGuidance;
  onReload: () => Promise<unknown>;
}

/**
 * One indicator of the district: a summary line (value, status, warnings) that opens to the computation, the
 * officer's form and evidence, the blockers to fix before submitting, and the approver's decision.
 */
export function IndicatorItem({ year, code, item, recordTypes, defaultOpen, guidance, onReload }: IndicatorItemProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const indicator = item.indicator;
  const [formKey, setFormKey] = useState(0);
  const [warnings, setWarnings] = useState<SubmissionWarning[] | null>(null);
  // What the user may do is the server's answer (`allowedActions`), never worked out here.
  const canEdit = item.allowedActions.includes('save');
  const name = localized(indicator.name, language);
  // Before the first save the server computes a preview only; show it, marked as such.
  const shown = item.value ?? item.computation?.value ?? null;

  return (
    <details className={styles.item} open={defaultOpen} id={`indicator-${indicator.code}`}>
      <summary className={styles.summary}>
        <span className={styles.code}>{indicator.code}</span>
        <span className={styles.name}>{name}</span>
        <span className={styles.summaryEnd}>
          <span className={styles.value}>
            {formatNumber(shown)}
            {shown !== null && indicator.unit !== '' && ` ${unitIn(indicator.unit, language)}`}
            {item.value === null && shown !== null && <span className={styles.previewTag}> {t('submissions.summary.preview')}</span>}
          </span>
          <ItemStatusBadge status={item.status} />
          {item.flags.length > 0 && (
            <span className={styles.warnTag}>
              <span aria-hidden="true">⚠ </span>
              {t('submissions.summary.flagged')}
            </span>
          )}
          {item.late && <span className={styles.warnTag}>{t('submissions.summary.late')}</span>}
          {item.status === 'returned' && item.changedAfterSubmit !== null && (
            <span className={styles.warnTag} data-testid={`changed-${indicator.code}`}>
              <span aria-hidden="true">↻ </span>
              {t('submissions.changed.tag')}
            </span>
          )}
          {canEdit && item.problems.length > 0 && <span className={styles.todoTag}>{t('submissions.summary.todo', { count: item.problems.length })}</span>}
        </span>
      </summary>

      <div className={`${styles.body} ${styles.bodyWithGuidance}`}>
        <GuidancePanel className={styles.guidance} year={year} code={indicator.code} guidance={guidance} />
        {item.status === 'returned' && item.changedAfterSubmit !== null && (
          <Alert tone="warning" title={t('submissions.changed.title')}>
            <p>
              {t(item.changedAfterSubmit.source.kind === 'evidence' ? 'submissions.changed.evidence' : 'submissions.changed.records', {
                when: formatDateTime(item.changedAfterSubmit.at, language),
                stage: t(`itemStatus.${item.changedAfterSubmit.previousStatus}`),
                submitted: formatNumber(item.changedAfterSubmit.submittedValue),
                current: formatNumber(item.changedAfterSubmit.currentValue),
              })}
            </p>
          </Alert>
        )}
        {item.status === 'returned' && item.returnReason !== null && (
          <Alert tone="warning" title={t('submissions.returned.title')}>
            <p>{item.returnReason}</p>
          </Alert>
        )}
        {warnings !== null && (
          <Alert tone={warnings.length > 0 ? 'warning' : 'success'} role="status" title={t('submissions.form.submitted')}>
            {warnings.map((w) => (
              <p key={w.code}>{localized(w.message, language)}</p>
            ))}
          </Alert>
        )}

        <dl className={factStyles.facts}>
          <div>
            <dt>{t('submissions.facts.kind')}</dt>
            <dd>{t(`submissions.kind.${indicator.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('submissions.facts.points')}</dt>
            <dd>{t('common.scoreUnit', { score: formatNumber(indicator.points) })}</dd>
          </div>
          <div>
            <dt>{t('submissions.facts.entry')}</dt>
            <dd>{indicator.formula === null ? t('submissions.facts.direct') : t('submissions.facts.formula')}</dd>
          </div>
          {item.submittedAt !== null && (
            <div>
              <dt>{t('submissions.facts.submittedAt')}</dt>
              <dd>{formatDateTime(item.submittedAt, language)}</dd>
            </div>
          )}
        </dl>

        <ItemFlags flags={item.flags} unit={unitIn(indicator.unit, language)} />

        {item.computation !== null && (
          <details className={styles.computationDetails}>
            <summary>{t('submissions.computation.show')}</summary>
            <ComputationView code={code} computation={item.computation} unit={unitIn(indicator.unit, language)} recordTypes={recordTypes} />
          </details>
        )}

        {canEdit ? (
          <ValueForm
            key={formKey}
            year={year}
            code={code}
            item={item}
            // A not-started item is saved first (it becomes a draft its officer may submit).
            canSubmit={item.allowedActions.includes('submit') || item.status === 'not_started'}
            onSubmitted={setWarnings}
            onReload={() => void onReload().then(() => setFormKey((k) => k + 1))}
          />
        ) : (
          item.comment !== null && (
            <div>
              <h4 className={styles.subheading}>{t('submissions.form.comment')}</h4>
              <p className={styles.comment}>{item.comment}</p>
            </div>
          )
        )}

        <EvidenceSection year={year} code={code} item={item} canEdit={canEdit} />

        {canEdit && item.problems.length > 0 && (
          <div className={styles.blockers}>
            <h4 className={styles.subheading}>{t('submissions.blockers.heading')}</h4>
            <ul>
              {item.problems.map((p) => (
                <li key={p.path}>{localized(p.message, language)}</li>
              ))}
            </ul>
          </div>
        )}

        {(item.allowedActions.includes('approve') || item.allowedActions.includes('return')) && (
          <ApproverActions year={year} code={code} item={item} name={name} />
        )}
      </div>
    </details>
  );
}

function ApproverActions({ year, code, item, name }: { year: number; code: string; item: SubmissionItem; name: string }) {
  const { t } = useTranslation();
  const approve = useApproveSubmission(year, code, item.indicator.code);
  const giveBack = useReturnToOfficer(year, code, item.indicator.code);
  const [returning, setReturning] = useState(false);
  const problem = approve.error instanceof ApiError ? approve.error : null;
  return (
    <div className={styles.approver}>
      <h4 className={styles.subheading}>{t('submissions.approver.heading')}</h4>
      {problem !== null && (
        <p className={styles.problem} role="alert">
          {problem.code === 'stale_version' ? t('submissions.stale.text') : (problem.detail ?? problem.title)}
        </p>
      )}
      <div className={styles.formActions}>
        {item.allowedActions.includes('approve') && (
          <Button disabled={approve.isPending} onClick={() => approve.mutate(item.version)} aria-label={t('submissions.approver.approveLabel', { name })}>
            {approve.isPending ? t('common.working') : t('submissions.approver.approve')}
          </Button>
        )}
        {item.allowedActions.includes('return') && (
          <Button variant="secondary" onClick={() => setReturning(true)} aria-label={t('submissions.approver.returnLabel', { name })}>
            {t('submissions.approver.return')}
          </Button>
        )}
      </div>
      <ReturnReasonDialog
        open={returning}
        title={t('submissions.approver.returnTitle', { code: item.indicator.code })}
        intro={t('submissions.approver.returnIntro')}
        pending={giveBack.isPending}
        error={giveBack.error}
        onClose={() => {
          giveBack.reset();
          setReturning(false);
        }}
        onSubmit={(reason) => giveBack.mutate({ version: item.version, reason }, { onSuccess: () => setReturning(false) })}
      />
    </div>
  );
}
