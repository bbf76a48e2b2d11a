import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextAreaField } from '../../../components/ui/form-field.js';
import { formatNumber } from '../../../lib/format.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { EvidenceFile, Objection } from '../../../types/index.js';
import { useReplyToObjection } from '../api/reply-objection.js';
import { ObjectionEvidenceField } from './objection-evidence-field.js';
import styles from './objections.module.css';

/** The contested district's reply to an objection another district filed: a text and an optional evidence file. */
export function ReplyObjectionDialog({ year, objection, onClose }: { year: number; objection: Objection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const reply = useReplyToObjection(year);
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState<EvidenceFile | null>(null);
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const alertRef = useRef<HTMLDivElement>(null);
  const problem = reply.error instanceof ApiError ? reply.error : null;

  useEffect(() => {
    if (objection === null) return;
    setText('');
    setEvidence(null);
    setLocalError(undefined);
    reply.reset();
    // Start again for each objection.
  }, [objection?.id]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (objection === null) return;
    if (text.trim() === '') {
      setLocalError(t('objections.reply.textRequired'));
      return;
    }
    setLocalError(undefined);
    reply.mutate(
      { id: objection.id, request: { version: objection.version, text: text.trim(), evidenceId: evidence?.id ?? null } },
      { onSuccess: onClose, onError: () => requestAnimationFrame(() => alertRef.current?.focus()) },
    );
  }

  return (
    <Dialog
      open={objection !== null}
      onClose={onClose}
      title={
        objection === null ? '' : t('objections.reply.title', { filer: objection.filer.name, item: `${objection.district.name} ${objection.indicator.code}` })
      }
      footer={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="reply-form" disabled={reply.isPending}>
            {reply.isPending ? t('common.working') : t('objections.reply.submit')}
          </Button>
        </>
      }
    >
      {problem !== null && (
        <Alert ref={alertRef} tone="danger" role="alert" title={problem.title}>
          <p>{problem.detail}</p>
        </Alert>
      )}
      {objection !== null && (
        <>
          <p className={styles.meta}>
            {t('objections.decide.values', { provisional: formatNumber(objection.provisionalValue), requested: formatNumber(objection.requestedValue) })}
          </p>
          <p className={styles.reason}>
            <strong>{t('objections.list.reason')}:</strong> {objection.reason}
          </p>
        </>
      )}
      <form id="reply-form" className={styles.form} onSubmit={submit} noValidate>
        <TextAreaField
          label={t('objections.reply.text')}
          hint={t('objections.reply.textHint')}
          value={text}
          required
          maxLength={4000}
          error={localError ?? problem?.fieldError('body.text')}
          onChange={(e) => setText(e.target.value)}
        />
      </form>
      {objection !== null && <ObjectionEvidenceField district={objection.district.code} evidence={evidence} onChange={setEvidence} />}
    </Dialog>
  );
}
