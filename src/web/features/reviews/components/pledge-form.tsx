import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/ui/form-field.js';
import { formatDateTime } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { MyPledge } from '../../../types/index.js';
import { useDeclareConflict } from '../api/declare-conflict.js';
import { useSignPledge } from '../api/sign-pledge.js';
import styles from './reviews.module.css';

const messageOf = (error: unknown) => (error instanceof ApiError ? (error.detail ?? error.title) : error instanceof Error ? error.message : String(error));

/**
 * 서약 및 회피 신청: the reviewer signs the cycle's pledge (scoring opens afterwards) and declares any district they
 * cannot review impartially; the declared district's assignments move to other reviewers at once.
 */
export function PledgeForm({ year, pledge }: { year: number; pledge: MyPledge }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const sign = useSignPledge(year);
  const declare = useDeclareConflict(year);
  const [agree, setAgree] = useState(false);
  const [name, setName] = useState('');
  const [district, setDistrict] = useState('');
  const [reason, setReason] = useState('');
  const [moved, setMoved] = useState<string | null>(null);
  const declared = new Set(pledge.conflicts.map((c) => c.orgUnitCode));

  function onSign(event: FormEvent) {
    event.preventDefault();
    sign.mutate(name.trim());
  }
  function onDeclare(event: FormEvent) {
    event.preventDefault();
    setMoved(null);
    declare.mutate(
      { orgUnitCode: district, reason: reason.trim() },
      {
        onSuccess: (r) => {
          setMoved(t('reviews.pledge.declared', { withdrawn: r.withdrawn, reassigned: r.reassigned }));
          setDistrict('');
          setReason('');
        },
      },
    );
  }
  const signError = sign.error instanceof ApiError ? sign.error : null;
  const declareError = declare.error instanceof ApiError ? declare.error : null;

  return (
    <section className={styles.pledge} aria-labelledby="pledge-heading">
      <h2 id="pledge-heading">{t('reviews.pledge.heading')}</h2>
      <blockquote className={styles.statement} lang={language === 'en' ? 'en' : 'ko'}>
        {localized(pledge.statement, language)}
      </blockquote>
      {pledge.signed !== null ? (
        <Alert tone="success" role="status" title={t('reviews.pledge.signedTitle')}>
          {t('reviews.pledge.signedText', { name: pledge.signed.signedName, at: formatDateTime(pledge.signed.signedAt, language) })}
        </Alert>
      ) : pledge.editable ? (
        <form className={styles.inlineForm} onSubmit={onSign} noValidate>
          <CheckboxField label={t('reviews.pledge.agree')} checked={agree} onChange={(e) => setAgree(e.target.checked)} required />
          <TextField
            label={t('reviews.pledge.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            required
            maxLength={100}
            error={signError?.fieldError('body.signedName')}
          />
          {sign.isError && (
            <Alert tone="danger" role="alert">
              {messageOf(sign.error)}
            </Alert>
          )}
          <div>
            <Button type="submit" disabled={!agree || name.trim() === '' || sign.isPending}>
              {t('reviews.pledge.sign')}
            </Button>
          </div>
        </form>
      ) : (
        <p>{t('reviews.pledge.closed')}</p>
      )}

      <h3>{t('reviews.pledge.conflictsHeading')}</h3>
      <p className={styles.dossierMeta}>{t('reviews.pledge.conflictsLead')}</p>
      {pledge.conflicts.length > 0 && (
        <ul className={styles.dossierList}>
          {pledge.conflicts.map((c) => (
            <li key={c.orgUnitCode}>
              <strong>{pledge.districts.find((d) => d.code === c.orgUnitCode)?.[language === 'en' ? 'nameEn' : 'name'] ?? c.orgUnitName}</strong> — {c.reason}{' '}
              <span className={styles.dossierMeta}>({formatDateTime(c.declaredAt, language)})</span>
            </li>
          ))}
        </ul>
      )}
      {moved !== null && (
        <Alert tone="success" role="status">
          {moved}
        </Alert>
      )}
      {pledge.editable && (
        <form className={styles.inlineForm} onSubmit={onDeclare} noValidate>
          <SelectField
            label={t('reviews.pledge.district')}
            value={district}
            onChange={(e) => setDistrict(e.target.value)}
            required
            error={declareError?.fieldError('body.orgUnitCode')}
          >
            <option value="">{t('reviews.pledge.choose')}</option>
            {pledge.districts
              .filter((d) => !declared.has(d.code))
              .map((d) => (
                <option key={d.code} value={d.code}>
                  {language === 'en' ? d.nameEn : d.name}
                </option>
              ))}
          </SelectField>
          <TextAreaField
            label={t('reviews.pledge.reason')}
            hint={t('reviews.pledge.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            maxLength={2000}
            required
            error={declareError?.fieldError('body.reason')}
          />
          {declare.isError && (
            <Alert tone="danger" role="alert">
              {messageOf(declare.error)}
            </Alert>
          )}
          <div>
            <Button type="submit" variant="secondary" disabled={district === '' || reason.trim() === '' || declare.isPending}>
              {t('reviews.pledge.declare')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
