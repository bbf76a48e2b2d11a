import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { buttonClassName } from '../../components/ui/button.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { ErrorState, LoadingState } from '../../components/ui/status.js';
import { paths, safeNext, signInFor } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form.js';
import styles from '../page.module.css';

/**
 * The signed-in user's password, for every role. While a new password is required (a new or reset account) this is
 * the only page the app shows; afterwards it confirms the change and goes on to `next`.
 */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to={signInFor(paths.changePassword)} replace />;
  const forced = me.data.mustChangePassword;

  return (
    <div className={styles.narrow}>
      <PageTitle title={t('password.pageTitle')} />
      <div className={styles.card}>
        <h1>{t('password.heading')}</h1>
        {done ? (
          <Alert
            ref={doneRef}
            tone="success"
            role="status"
            title={t('password.done')}
            actions={
              <Link to={next} replace className={buttonClassName({})}>
                {t('password.continue')}
              </Link>
            }
          >
            <p>{t('password.doneText')}</p>
          </Alert>
        ) : (
          <>
            {forced && (
              <Alert tone="warning" title={t('password.requiredTitle')}>
                <p>{t('password.requiredText')}</p>
              </Alert>
            )}
            <p className={styles.meta}>{t('password.intro')}</p>
            <ChangePasswordForm user={me.data} forced={forced} onChanged={() => setDone(true)} />
          </>
        )}
      </div>
    </div>
  );
}
