import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationKinds } from '../../../contract/values.js';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { SelectField, TextField } from '../../components/ui/form-field.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { ErrorState, LoadingState } from '../../components/ui/status.js';
import { useEmailSettings, useSaveEmailSettings } from '../../features/email-settings/api/email-settings.js';
import { ApiError } from '../../lib/problem-details.js';
import type { EmailMode, EmailSettings } from '../../types/index.js';
import formStyles from '../../components/ui/form.module.css';
import styles from '../page.module.css';

type Kind = (typeof notificationKinds)[number];
const emailModes: readonly EmailMode[] = ['immediate', 'digest', 'off'];

/** 알림 설정: the signed-in user's e-mail address, language and one mode per kind of notification. */
export default function EmailSettingsPage() {
  const { t } = useTranslation();
  const settings = useEmailSettings();
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <div className={styles.narrow}>
      <PageTitle title={t('emailSettings.pageTitle')} />
      <div className={styles.card}>
        <h1>{t('emailSettings.heading')}</h1>
        <p className={styles.meta}>{t('emailSettings.intro')}</p>
        {!settings.data.delivery && (
          <Alert tone="info" title={t('emailSettings.menu')}>
            <p>{t('emailSettings.noDelivery')}</p>
          </Alert>
        )}
        <EmailSettingsForm initial={settings.data} />
      </div>
    </div>
  );
}

function EmailSettingsForm({ initial }: { initial: EmailSettings }) {
  const { t } = useTranslation();
  const save = useSaveEmailSettings();
  const [email, setEmail] = useState(initial.email ?? '');
  const [language, setLanguage] = useState<'ko' | 'en'>(initial.language);
  const [modes, setModes] = useState<Record<Kind, EmailMode>>(
    () => Object.fromEntries(initial.preferences.map((p) => [p.kind, p.mode])) as Record<Kind, EmailMode>,
  );
  const [checked, setChecked] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (save.isSuccess || save.isError) statusRef.current?.focus();
  }, [save.isSuccess, save.isError]);

  const trimmed = email.trim();
  const emailError = checked && trimmed !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? t('emailSettings.invalidEmail') : undefined;
  const problem = save.error instanceof ApiError ? save.error : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (trimmed !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return;
    save.mutate({ email: trimmed === '' ? null : trimmed, language, preferences: notificationKinds.map((kind) => ({ kind, mode: modes[kind] })) });
  }

  return (
    <form className={formStyles.stack} onSubmit={submit} noValidate>
      {save.isError && (
        <Alert ref={statusRef} tone="danger" role="alert" title={t('emailSettings.failed')}>
          <p>{problem?.detail ?? problem?.title ?? t('errors.generic')}</p>
        </Alert>
      )}
      {save.isSuccess && !save.isPending && (
        <Alert ref={statusRef} tone="success" role="status" title={t('emailSettings.saved')}>
          {null}
        </Alert>
      )}
      <TextField
        label={t('emailSettings.email')}
        hint={t('emailSettings.emailHint')}
        error={emailError}
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <SelectField label={t('emailSettings.language')} name="language" value={language} onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'ko')}>
        <option value="ko">{t('emailSettings.languages.ko')}</option>
        <option value="en">{t('emailSettings.languages.en')}</option>
      </SelectField>
      <fieldset className={formStyles.stack}>
        <legend>{t('emailSettings.kindsLegend')}</legend>
        {notificationKinds.map((kind) => (
          <SelectField
            key={kind}
            label={t(`emailSettings.kinds.${kind}`)}
            name={`mode-${kind}`}
            value={modes[kind]}
            onChange={(e) => setModes((m) => ({ ...m, [kind]: e.target.value as EmailMode }))}
          >
            {emailModes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`emailSettings.modes.${mode}`)}
              </option>
            ))}
          </SelectField>
        ))}
      </fieldset>
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t('emailSettings.saving') : t('emailSettings.save')}
        </Button>
      </div>
    </form>
  );
}
