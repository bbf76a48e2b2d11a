import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/ui/page-title.js';
import { ErrorState, LoadingState } from '../components/ui/status.js';
import { paths } from '../config/paths.js';
import { useMe } from '../features/auth/api/get-me.js';
import { RoleList } from '../features/auth/components/role-list.js';
import styles from './page.module.css';

/** Where a signed-in user starts: their roles; role workspaces will hang off this page. */
export default function MyWorkPage() {
  const { t } = useTranslation();
  const me = useMe();

  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to={`${paths.signIn}?next=${encodeURIComponent(paths.myWork)}`} replace />;

  return (
    <>
      <PageTitle title={t('myWork.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('myWork.heading')}</h1>
        <p className={styles.lead}>{t('myWork.greeting', { name: me.data.displayName })}</p>
      </div>
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('myWork.rolesHeading')}</h2>
        <RoleList roles={me.data.roles} />
      </section>
      <p className={styles.notice}>{t('myWork.placeholder')}</p>
    </>
  );
}
