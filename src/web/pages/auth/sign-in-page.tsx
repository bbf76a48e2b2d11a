import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/ui/page-title.js';
import { LoadingState } from '../../components/ui/status.js';
import { safeNext } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useSignInMethods } from '../../features/auth/api/get-sign-in-methods.js';
import { SignInForm } from '../../features/auth/components/sign-in-form.js';
import { SsoSignIn, ssoReason } from '../../features/auth/components/sso-sign-in.js';
import styles from '../page.module.css';

export default function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const methods = useSignInMethods();
  const sso = methods.data?.sso ?? null;
  // Until the methods are known the password form shows (as before single sign-on existed); off only when the server says so.
  const password = methods.data?.password !== false;

  if (me.isPending) return <LoadingState />;
  if (me.data !== null && me.data !== undefined) return <Navigate to={next} replace />;

  return (
    <div className={styles.narrow}>
      <PageTitle title={t('signIn.pageTitle')} />
      <div className={styles.card}>
        <h1>{t('signIn.heading')}</h1>
        <p className={styles.meta}>{t('signIn.intro')}</p>
        {sso !== null && <SsoSignIn displayName={sso.displayName} next={next} reason={ssoReason(searchParams.get('sso'))} />}
        {sso !== null && (password ? <h2 className={styles.meta}>{t('sso.or')}</h2> : <p className={styles.meta}>{t('sso.onlyIntro')}</p>)}
        {password && <SignInForm onSuccess={() => void navigate(next, { replace: true })} />}
      </div>
      {password && (
        <aside className={styles.hint} aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('signIn.demoHeading')}</h2>
          <p>{t('signIn.demoHint')}</p>
        </aside>
      )}
    </div>
  );
}
