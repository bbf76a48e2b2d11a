import { Fragment, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.js';
import tableStyles from '../../../components/ui/table.module.css';
import { apiUrl } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Adjustment, AdjustmentPage } from '../../../types/index.js';
import { useAdjustmentHistory, useConfirmAdjustment, useObjectToAdjustment, useWithdrawAdjustment } from '../api/adjustments.js';
import { AdjustmentForm } from './adjustment-form.js';
import { signed } from './adjustment-totals.js';
import styles from './adjustments.module.css';

const tones: Record<Adjustment['status'], { tone: StatusTone; symbol: string }> = {
  pending: { tone: 'warning', symbol: '…' },
  confirmed: { tone: 'success', symbol: '✓' },
  withdrawn: { tone: 'neutral', symbol: '×' },
};

function History({ id, colSpan }: { id: number; colSpan: number }) {
  const { t, i18n } = useTranslation();
  const history = useAdjustmentHistory(id);
  const points = (state: unknown) => (typeof state === 'object' && state !== null && 'points' in state ? Number(state.points) : null);
  return (
    <tr className={styles.history}>
      <td colSpan={colSpan}>
        <ol aria-label={t('adjustments.history.caption')}>
          {(history.data?.history ?? []).map((h) => {
            const action = h.action.replace(/^adjustment\./, '') as keyof typeof actionKeys;
            const before = points(h.before);
            const after = points(h.after);
            return (
              <li key={h.seq}>
                {formatDateTime(h.at, i18n.language)} · {h.actor} · {action in actionKeys ? t(`adjustments.history.actions.${action}`) : h.action}
                {before !== null &&
                  after !== null &&
                  before !== after &&
                  ` · ${t('adjustments.history.change', { before: signed(before), after: signed(after) })}`}
                {h.reason !== null && ` · ${h.reason}`}
              </li>
            );
          })}
        </ol>
      </td>
    </tr>
  );
}

const actionKeys = {
  entered: 1,
  changed: 1,
  confirmed: 1,
  withdrawn: 1,
  late_penalty: 1,
  late_penalty_submitted: 1,
  withdrawn_on_objection: 1,
  changed_on_objection: 1,
} as const;

function ObjectDialog({ year, entry, onClose }: { year: number; entry: Adjustment | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const object = useObjectToAdjustment(year);
  const [reason, setReason] = useState('');
  const [requested, setRequested] = useState('');
  const problem = object.error instanceof ApiError ? object.error : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (entry === null || reason.trim() === '') return;
    const value = requested.trim() === '' ? null : Number(requested.trim().replace('−', '-'));
    object.mutate({ id: entry.id, reason: reason.trim(), requestedPoints: value }, { onSuccess: onClose });
  }
  return (
    <Dialog
      open={entry !== null}
      onClose={onClose}
      title={
        entry === null
          ? ''
          : t('adjustments.object.title', { rule: `${entry.rule.code} ${localized(entry.rule.name, i18n.language)}`, points: signed(entry.points) })
      }
      footer={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="adjustment-objection-form" disabled={object.isPending}>
            {object.isPending ? t('common.working') : t('adjustments.object.submit')}
          </Button>
        </>
      }
    >
      {object.isError && (
        <Alert tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
          <p>{problem?.detail ?? t('errors.generic')}</p>
        </Alert>
      )}
      <form id="adjustment-objection-form" onSubmit={submit} noValidate>
        <TextAreaField label={t('adjustments.object.reason')} value={reason} required maxLength={4000} onChange={(e) => setReason(e.target.value)} />
        <TextField label={t('adjustments.object.requested')} inputMode="decimal" value={requested} onChange={(e) => setRequested(e.target.value)} />
      </form>
    </Dialog>
  );
}

/** Withdraws an entry with the reason the record keeps. */
function WithdrawDialog({ year, entry, onClose }: { year: number; entry: Adjustment | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const withdraw = useWithdrawAdjustment(year);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const problem = withdraw.error instanceof ApiError ? withdraw.error : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (entry === null) return;
    setMissing(reason.trim() === '');
    if (reason.trim() === '') return;
    withdraw.mutate(
      { id: entry.id, version: entry.version, reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          onClose();
        },
      },
    );
  }
  return (
    <Dialog
      open={entry !== null}
      onClose={onClose}
      title={
        entry === null
          ? ''
          : t('adjustments.withdraw.title', {
              district: entry.district.name,
              rule: `${entry.rule.code} ${localized(entry.rule.name, i18n.language)}`,
              points: signed(entry.points),
            })
      }
      footer={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="adjustment-withdraw-form" disabled={withdraw.isPending}>
            {withdraw.isPending ? t('common.working') : t('adjustments.withdraw.submit')}
          </Button>
        </>
      }
    >
      {withdraw.isError && (
        <Alert tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
          <p>{problem?.detail ?? t('errors.generic')}</p>
        </Alert>
      )}
      <form id="adjustment-withdraw-form" onSubmit={submit} noValidate>
        <TextAreaField
          label={t('adjustments.withdraw.reason')}
          value={reason}
          required
          maxLength={4000}
          error={missing ? t('adjustments.form.reasonRequired') : problem?.fieldError('body.reason')}
          onChange={(e) => setReason(e.target.value)}
        />
      </form>
    </Dialog>
  );
}

/**
 * The entries of a cycle: district, rule, signed points, reason and evidence, status, who entered, changed, confirmed
 * or withdrew it and when, the buttons the reader may use now, and each entry's history on demand.
 */
export function AdjustmentList({ page, showDistrict }: { page: AdjustmentPage; showDistrict: boolean }) {
  const { t, i18n } = useTranslation();
  const confirm = useConfirmAdjustment(page.year);
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<Adjustment | null>(null);
  const [objecting, setObjecting] = useState<Adjustment | null>(null);
  const [withdrawing, setWithdrawing] = useState<Adjustment | null>(null);
  const failed = confirm.error instanceof ApiError ? confirm.error : undefined;
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const canObject = page.cycleStatus === 'objections';
  const columns = showDistrict ? 7 : 6;

  return (
    <>
      {failed !== undefined && (
        <p className={styles.problem} role="alert">
          {failed.detail ?? failed.title}
        </p>
      )}
      <div className={tableStyles.scroll}>
        <table className={tableStyles.table}>
          <caption className="visually-hidden">{t('adjustments.list.caption', { year: page.year })}</caption>
          <thead>
            <tr>
              {showDistrict && <th scope="col">{t('adjustments.list.district')}</th>}
              <th scope="col">{t('adjustments.list.rule')}</th>
              <th scope="col" className={tableStyles.num}>
                {t('adjustments.list.points')}
              </th>
              <th scope="col">{t('adjustments.list.reason')}</th>
              <th scope="col">{t('adjustments.list.status')}</th>
              <th scope="col">{t('adjustments.list.who')}</th>
              <th scope="col">{t('adjustments.list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {page.adjustments.map((a) => (
              <Fragment key={a.id}>
                <tr className={a.status === 'withdrawn' ? styles.withdrawn : undefined}>
                  {showDistrict && <th scope="row">{a.district.name}</th>}
                  <td>
                    {a.rule.code} {localized(a.rule.name, i18n.language)}
                    {a.automatic && <p className={styles.meta}>{t('adjustments.list.automatic')}</p>}
                  </td>
                  <td className={`${tableStyles.num} ${a.points > 0 ? styles.bonus : styles.penalty}`}>{signed(a.points)}</td>
                  <td>
                    {a.reason}
                    {a.evidence !== null && (
                      <p className={styles.meta}>
                        <a href={apiUrl(`/evidence/${a.evidence.id}`)} download>
                          {a.evidence.originalName}
                        </a>
                      </p>
                    )}
                    {a.withdrawReason !== null && <p className={styles.meta}>{a.withdrawReason}</p>}
                  </td>
                  <td>
                    <StatusBadge {...tones[a.status]} label={t(`adjustments.status.${a.status}`)} />
                  </td>
                  <td>
                    <p className={styles.meta}>
                      {t('adjustments.list.enteredBy', { who: a.createdBy ?? t('adjustments.list.system'), when: when(a.createdAt) })}
                    </p>
                    {a.changedBy !== null && a.changedBy !== a.createdBy && (
                      <p className={styles.meta}>{t('adjustments.list.changedBy', { who: a.changedBy, when: when(a.updatedAt) })}</p>
                    )}
                    {a.confirmedAt !== null && (
                      <p className={styles.meta}>
                        {t('adjustments.list.confirmedBy', { who: a.confirmedBy ?? t('adjustments.list.system'), when: when(a.confirmedAt) })}
                      </p>
                    )}
                    {a.withdrawnAt !== null && (
                      <p className={styles.meta}>
                        {t('adjustments.list.withdrawnBy', { who: a.withdrawnBy ?? t('adjustments.list.system'), when: when(a.withdrawnAt) })}
                      </p>
                    )}
                  </td>
                  <td>
                    <div className={styles.actions}>
                      {a.actions.confirm && (
                        <Button size="small" disabled={confirm.isPending} onClick={() => confirm.mutate({ id: a.id, version: a.version })}>
                          {t('adjustments.list.confirm')}
                        </Button>
                      )}
                      {a.actions.edit && (
                        <Button size="small" variant="secondary" onClick={() => setEditing(a)}>
                          {t('adjustments.list.edit')}
                        </Button>
                      )}
                      {a.actions.withdraw && (
                        <Button size="small" variant="secondary" onClick={() => setWithdrawing(a)}>
                          {t('adjustments.list.withdraw')}
                        </Button>
                      )}
                      {!showDistrict && a.status === 'confirmed' && (
                        <Button
                          size="small"
                          variant="secondary"
                          disabled={!canObject}
                          title={canObject ? undefined : t('adjustments.list.objectHint')}
                          onClick={() => setObjecting(a)}
                        >
                          {t('adjustments.list.object')}
                        </Button>
                      )}
                      <Button size="small" variant="tertiary" aria-expanded={open === a.id} onClick={() => setOpen(open === a.id ? null : a.id)}>
                        {open === a.id ? t('adjustments.list.hideHistory') : t('adjustments.list.history')}
                      </Button>
                    </div>
                  </td>
                </tr>
                {open === a.id && <History id={a.id} colSpan={columns} />}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === null ? '' : t('adjustments.form.editTitle', { district: editing.district.name, rule: editing.rule.code })}
      >
        {editing !== null && <AdjustmentForm page={page} entry={editing} onDone={() => setEditing(null)} />}
      </Dialog>
      <ObjectDialog year={page.year} entry={objecting} onClose={() => setObjecting(null)} />
      <WithdrawDialog year={page.year} entry={withdrawing} onClose={() => setWithdrawing(null)} />
    </>
  );
}
