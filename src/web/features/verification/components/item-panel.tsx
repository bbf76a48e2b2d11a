import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextAreaField } from '../../../components/ui/form-field.js';
import { ItemStatusBadge } from '../../../components/ui/item-status-badge.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { apiUrl } from '../../../lib/api-client.js';
import { formatFileSize } from '../../../lib/file-size.js';
import { formatDateTime, formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ItemComparison } from '../../../types/index.js';
import { useComparison } from '../api/get-comparison.js';
import { useReturnItem } from '../api/return-item.js';
import { useVerifyItem } from '../api/verify-item.js';
import { PeerRange } from './peer-range.js';
import styles from './verification.module.css';
import { unitIn } from '../../../lib/unit-words.js';

interface ItemPanelProps {
  year: number;
  target: { code: string; districtName: string; indicator: string } | null;
  canDecide: boolean;
  onClose: () => void;
}

/** The side panel of one item: value, computation, evidence, last year and peers; verify or return with a reason. */
export function ItemPanel({ year, target, canDecide, onClose }: ItemPanelProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      placement="side"
      open={target !== null}
      onClose={onClose}
      title={target === null ? '' : t('verification.panel.title', { district: target.districtName, indicator: target.indicator })}
    >
      {target !== null && (
        <PanelBody key={`${target.code}:${target.indicator}`} year={year} code={target.code} indicator={target.indicator} canDecide={canDecide} />
      )}
    </Dialog>
  );
}

function PanelBody({ year, code, indicator, canDecide }: { year: number; code: string; indicator: string; canDecide: boolean }) {
  const comparison = useComparison(year, code, indicator);
  return (
    <QueryState query={comparison}>
      {(data) => <PanelContent year={year} data={data} canDecide={canDecide} onReload={() => void comparison.refetch()} />}
    </QueryState>
  );
}

function PanelContent({ year, data, canDecide, onReload }: { year: number; data: ItemComparison; canDecide: boolean; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const item = data.item;
  const unit = unitIn(item.indicator.unit, language);
  const withUnit = (value: number | null) => (value === null ? '–' : `${formatNumber(value)}${unit === '' ? '' : ` ${unit}`}`);

  return (
    <div className={styles.panel}>
      <p className={styles.panelName}>{localized(item.indicator.name, language)}</p>
      <div className={styles.panelStatus}>
        <ItemStatusBadge status={item.status} />
        {item.late && <span className={styles.tag}>{t('verification.grid.late')}</span>}
      </div>

      {item.changedAfterSubmit !== null && (
        <Alert tone="warning" title={t('verification.panel.changed.title')}>
          <p>
            {t(item.changedAfterSubmit.source.kind === 'evidence' ? 'verification.panel.changed.evidence' : 'verification.panel.changed.records', {
              when: formatDateTime(item.changedAfterSubmit.at, language),
              stage: t(`itemStatus.${item.changedAfterSubmit.previousStatus}`),
            })}
          </p>
          {item.changedAfterSubmit.source.kind !== 'evidence' && (
            <p data-testid="changed-values">
              {t('verification.panel.changed.values', {
                submitted: withUnit(item.changedAfterSubmit.submittedValue),
                current: withUnit(item.changedAfterSubmit.currentValue),
              })}
            </p>
          )}
        </Alert>
      )}

      <dl className={styles.panelFacts}>
        <div>
          <dt>{t('verification.panel.value')}</dt>
          <dd className={styles.bigValue}>{withUnit(item.value)}</dd>
        </div>
        <div>
          <dt>{t('verification.panel.source')}</dt>
          <dd>{item.valueSource === null ? '–' : t(`verification.panel.sources.${item.valueSource}`)}</dd>
        </div>
        {item.indicator.formula !== null && (
          <div>
            <dt>{t('verification.panel.computed')}</dt>
            <dd>{withUnit(item.computedValue)}</dd>
          </div>
        )}
        <div>
          <dt>{t('verification.panel.submittedAt')}</dt>
          <dd>{formatDateTime(item.submittedAt, language)}</dd>
        </div>
        <div>
          <dt>{t('verification.panel.approvedAt')}</dt>
          <dd>{formatDateTime(item.approvedAt, language)}</dd>
        </div>
      </dl>

      {item.comment !== null && (
        <section>
          <h3 className={styles.panelHeading}>{t('verification.panel.comment')}</h3>
          <p className={styles.comment}>{item.comment}</p>
        </section>
      )}

      {item.flags.length > 0 && (
        <ul className={styles.flags}>
          {item.flags.map((flag) => (
            <li key={flag.kind}>
              <span aria-hidden="true">⚠ </span>
              {t(`verification.panel.flags.${flag.kind}`, { median: withUnit(flag.median), n: flag.n, z: flag.z === null ? '–' : formatNumber(flag.z) })}
            </li>
          ))}
        </ul>
      )}

      <section>
        <h3 className={styles.panelHeading}>{t('verification.panel.compare')}</h3>
        <dl className={styles.panelFacts}>
          <div>
            <dt>{t('verification.panel.lastYear', { year: data.lastYear.year })}</dt>
            <dd>{withUnit(data.lastYear.value)}</dd>
          </div>
          <div>
            <dt>{t('verification.panel.peersMedian', { n: data.peers.n })}</dt>
            <dd>{withUnit(data.peers.median)}</dd>
          </div>
          <div>
            <dt>{t('verification.panel.peersRange')}</dt>
            <dd>{data.peers.min === null || data.peers.max === null ? '–' : `${withUnit(data.peers.min)} – ${withUnit(data.peers.max)}`}</dd>
          </div>
        </dl>
        <PeerRange value={item.value} peers={data.peers} lastYear={data.lastYear.value} />
        {data.history.length > 0 && (
          <p className={styles.history}>
            {t('verification.panel.history')}: {data.history.map((h) => `${h.year} ${withUnit(h.value)}`).join(' · ')}
          </p>
        )}
      </section>

      {item.computation !== null && (
        <section>
          <h3 className={styles.panelHeading}>{t('verification.panel.computation')}</h3>
          <code className={styles.formula}>{item.computation.formula}</code>
          <ul className={styles.steps}>
            {item.computation.trace
              .filter((step) => step.recordType !== undefined)
              .map((step) => (
                <li key={`${step.text}:${step.yearsBack ?? 0}`}>
                  <code>{step.text}</code> ={' '}
                  {typeof step.value === 'number' || step.value === null || step.value === undefined ? formatNumber(step.value) : String(step.value)} (
                  {t('verification.panel.records', { count: step.recordCount ?? 0 })})
                </li>
              ))}
          </ul>
        </section>
      )}

      <section>
        <h3 className={styles.panelHeading}>{t('verification.panel.evidence')}</h3>
        {item.evidence.length === 0 ? (
          <p className={styles.muted}>{t('verification.panel.noEvidence')}</p>
        ) : (
          <ul className={styles.evidence}>
            {item.evidence.map((file) => (
              <li key={file.id}>
                <a href={apiUrl(`/evidence/${file.id}`)} download>
                  {file.originalName}
                </a>{' '}
                <span className={styles.muted}>{formatFileSize(file.size)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canDecide && item.id !== null && <Decision year={year} data={data} onReload={onReload} />}
    </div>
  );
}

function Decision({ year, data, onReload }: { year: number; data: ItemComparison; onReload: () => void }) {
  const { t } = useTranslation();
  const item = data.item;
  const verify = useVerifyItem(year);
  const giveBack = useReturnItem(year);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [done, setDone] = useState<'verified' | 'returned' | null>(null);
  const error = verify.error ?? giveBack.error;
  const problem = error instanceof ApiError ? error : null;
  const stale = problem?.code === 'stale_version';
  const ref = item.id === null ? null : { id: item.id, version: item.version };
  const canVerify = item.status === 'approved';
  const canReturn = item.status === 'submitted' || item.status === 'approved' || item.status === 'verified';

  function onReturn(event: FormEvent) {
    event.preventDefault();
    if (ref === null) return;
    if (reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    verify.reset();
    giveBack.mutate({ item: ref, reason: reason.trim() }, { onSuccess: () => setDone('returned') });
  }

  return (
    <section className={styles.decision} aria-labelledby="decision-heading">
      <h3 id="decision-heading" className={styles.panelHeading}>
        {t('verification.panel.decision')}
      </h3>
      <div aria-live="polite">
        {done !== null && (
          <Alert tone="success" role="status">
            {t(`verification.panel.done.${done}`)}
          </Alert>
        )}
      </div>
      {problem !== null && (
        <Alert
          tone={stale ? 'warning' : 'danger'}
          role="alert"
          title={stale ? t('verification.panel.staleTitle') : problem.title}
          actions={
            stale ? (
              <Button variant="secondary" size="small" onClick={onReload}>
                {t('verification.panel.reload')}
              </Button>
            ) : undefined
          }
        >
          <p>{stale ? t('verification.panel.staleText') : problem.detail}</p>
        </Alert>
      )}
      {!canVerify && !canReturn && done === null && <p className={styles.muted}>{t('verification.panel.nothingToDecide')}</p>}
      {canVerify && ref !== null && (
        <Button
          disabled={verify.isPending}
          onClick={() => {
            giveBack.reset();
            verify.mutate(ref, { onSuccess: () => setDone('verified') });
          }}
        >
          {verify.isPending ? t('common.working') : t('verification.panel.verify')}
        </Button>
      )}
      {canReturn && (
        <form className={styles.returnForm} onSubmit={onReturn} noValidate>
          <TextAreaField
            label={t('verification.panel.returnReason')}
            hint={t('verification.panel.returnHint')}
            value={reason}
            maxLength={2000}
            error={reasonMissing ? t('verification.panel.reasonRequired') : problem?.fieldError('body.reason')}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonMissing(false);
            }}
          />
          <Button type="submit" variant="secondary" disabled={giveBack.isPending}>
            {giveBack.isPending ? t('common.working') : t('verification.panel.return')}
          </Button>
        </form>
      )}
    </section>
  );
}
