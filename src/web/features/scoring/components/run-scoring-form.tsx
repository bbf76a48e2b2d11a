import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { CheckboxField, TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { shortHash } from '../../../lib/format.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { BlockingList, ScoringRunKind } from '../../../types/index.js';
import { BlockingTable } from '../../cycles/components/blocking-list.js';
import { useCreateScoringRun } from '../api/create-scoring-run.js';
import styles from './scoring.module.css';

const kinds: ScoringRunKind[] = ['trial', 'provisional', 'final'];

/** Starts a trial, provisional or final run of the cycle; the new run is selected when it is stored. */
export function RunScoringForm({ year, onCreated }: { year: number; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const create = useCreateScoringRun(year);
  const [kind, setKind] = useState<ScoringRunKind>('trial');
  const [note, setNote] = useState('');
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const problem = create.error instanceof ApiError ? create.error : null;
  const blocking = problem?.code === 'verification_incomplete' ? (problem.extensions.blocking as BlockingList | undefined) : undefined;
  const official = kind !== 'trial';

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        kind,
        note: note.trim() === '' ? null : note.trim(),
        ...(official && override ? { override: true, reason: reason.trim() === '' ? null : reason.trim() } : {}),
      },
      {
        onSuccess: (run) => {
          setNote('');
          setOverride(false);
          setReason('');
          onCreated(run.id);
        },
        onError: () => requestAnimationFrame(() => alertRef.current?.focus()),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {create.isError && (
        <Alert ref={alertRef} tone="danger" role="alert" title={problem?.title ?? t('errors.heading')}>
          <p>{problem?.detail ?? t('errors.generic')}</p>
          {blocking !== undefined && <BlockingTable list={blocking} caption={t('runGate.blockingTitle')} />}
        </Alert>
      )}
      {create.isSuccess && (
        <Alert tone="success" role="status">
          {t('scoring.run.done', { id: create.data.id, hash: shortHash(create.data.inputHash) })}
        </Alert>
      )}
      <div className={styles.runForm}>
        <fieldset className={styles.kinds}>
          <legend>{t('scoring.run.kind')}</legend>
          {kinds.map((k) => (
            <label key={k} className={styles.kind}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span className={styles.kindText}>
                <strong>{t(`scoring.kinds.${k}`)}</strong>
                <small>{t(`scoring.kindDescriptions.${k}`)}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className={styles.runSide}>
          <p className={styles.gateNote}>{t(official ? 'runGate.officialNote' : 'runGate.trialNote')}</p>
          {official && (
            <>
              <CheckboxField label={t('runGate.overrideLabel')} checked={override} onChange={(e) => setOverride(e.target.checked)} />
              {override && (
                <TextAreaField
                  label={t('runGate.reasonLabel')}
                  hint={t('runGate.reasonHint')}
                  value={reason}
                  maxLength={2000}
                  rows={3}
                  error={problem?.fieldError('body.reason')}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </>
          )}
          <TextField
            label={t('scoring.run.note')}
            hint={t('scoring.run.noteHint')}
            value={note}
            maxLength={1000}
            error={problem?.fieldError('body.note')}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? t('scoring.run.running') : t('scoring.run.submit', { kind: t(`scoring.kinds.${kind}`) })}
          </Button>
        </div>
      </div>
    </form>
  );
}
