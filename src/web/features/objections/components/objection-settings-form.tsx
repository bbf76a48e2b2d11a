import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { TextField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ObjectionSettings } from '../../../types/index.js';
import { useSetObjectionSettings } from '../api/objection-settings.js';
import styles from './objections.module.css';

const KST_MS = 9 * 3_600_000;

/** `datetime-local` works in the browser's zone; deadlines are Seoul time, so they are shown and sent as such. */
function toSeoulLocal(iso: string | null): string {
  return iso === null ? '' : new Date(new Date(iso).getTime() + KST_MS).toISOString().slice(0, 16);
}

function seoulIso(local: string): string {
  return `${local}:00+09:00`;
}

/** The city admin sets the cycle's objection deadlines (Korea time) and, optionally, the deciding committee. */
export function ObjectionSettingsForm({ year, settings }: { year: number; settings: ObjectionSettings }) {
  const { t } = useTranslation();
  const save = useSetObjectionSettings(year);
  const [filing, setFiling] = useState('');
  const [reply, setReply] = useState('');
  const [decision, setDecision] = useState('');
  const [committee, setCommittee] = useState('');
  const problem = save.error instanceof ApiError ? save.error : null;

  useEffect(() => {
    setFiling(toSeoulLocal(settings.schedule.filingDueAt));
    setReply(toSeoulLocal(settings.schedule.replyDueAt));
    setDecision(toSeoulLocal(settings.schedule.decisionDueAt));
    setCommittee(settings.committee.map((m) => m.username).join(', '));
  }, [settings]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (filing === '' || reply === '' || decision === '') return;
    save.mutate({
      filingDueAt: seoulIso(filing),
      replyDueAt: seoulIso(reply),
      decisionDueAt: seoulIso(decision),
      committee: committee
        .split(/[,\s]+/)
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    });
  }

  const committeeError = problem?.fieldError('body.committee');
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="objection-settings-heading">
      <div className={styles.settings}>
        <TextField
          label={t('objections.settings.filing')}
          hint={t('cycles.deadlines.timeZone')}
          type="datetime-local"
          required
          value={filing}
          error={problem?.fieldError('body.filingDueAt')}
          onChange={(e) => setFiling(e.target.value)}
        />
        <TextField
          label={t('objections.settings.reply')}
          hint={t('cycles.deadlines.timeZone')}
          type="datetime-local"
          required
          value={reply}
          error={problem?.fieldError('body.replyDueAt')}
          onChange={(e) => setReply(e.target.value)}
        />
        <TextField
          label={t('objections.settings.decision')}
          hint={t('cycles.deadlines.timeZone')}
          type="datetime-local"
          required
          value={decision}
          error={problem?.fieldError('body.decisionDueAt')}
          onChange={(e) => setDecision(e.target.value)}
        />
      </div>
      <TextField
        label={t('objections.settings.committee')}
        hint={t('objections.settings.committeeHint')}
        value={committee}
        error={committeeError}
        onChange={(e) => setCommittee(e.target.value)}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="secondary" disabled={save.isPending || filing === '' || reply === '' || decision === ''}>
          {t('objections.settings.save')}
        </Button>
      </div>
      <div role="status">
        {save.isSuccess && <Alert tone="success">{t('objections.settings.saved')}</Alert>}
        {save.isError && <Alert tone="danger">{problem?.detail ?? problem?.title ?? t('errors.generic')}</Alert>}
      </div>
    </form>
  );
}
