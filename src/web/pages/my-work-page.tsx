import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/ui/page-title.js';
import { ErrorState, LoadingState } from '../components/ui/status.js';
import { paths } from '../config/paths.js';
import { useMe } from '../features/auth/api/get-me.js';
import { RoleList } from '../features/auth/components/role-list.js';
import { hasRole } from '../lib/roles.js';
import type { User } from '../types/api.js';
import styles from './page.module.css';
import work from './work.module.css';

/** Where a signed-in user starts: links to the work of their roles, then the roles themselves. */
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
      <WorkLinks user={me.data} />
      <section aria-labelledby="roles-heading" className={styles.section}>
        <h2 id="roles-heading">{t('myWork.rolesHeading')}</h2>
        <RoleList roles={me.data.roles} />
      </section>
    </>
  );
}

type WorkLink = { to: string; title: string; text: string };

/** Where each of the user's roles works, as the first thing after signing in. */
function WorkLinks({ user }: { user: User }) {
  const { t } = useTranslation();
  const links: WorkLink[] = [];
  const district = hasRole(user, 'district_officer', 'district_approver');
  const city = hasRole(user, 'city_admin', 'auditor');
  if (district) links.push({ to: paths.myDistrict, title: t('workNav.district'), text: t(hasRole(user, 'district_officer') ? 'workNav.districtText' : 'workNav.districtApproverText') });
  if (city) {
    links.push({ to: paths.admin, title: t('header.work.dashboard'), text: t('workNav.dashboardText') });
    links.push({ to: paths.currentVerification, title: t('workNav.verification'), text: t('workNav.verificationText') });
  }
  if (city || hasRole(user, 'reviewer')) links.push({ to: paths.currentReviews, title: t('workNav.reviews'), text: t(city ? 'workNav.reviewsCityText' : 'workNav.reviewsText') });
  if (city || district) links.push({ to: paths.currentObjections, title: t('workNav.objections'), text: t(city ? 'workNav.objectionsCityText' : 'workNav.objectionsText') });
  if (hasRole(user, 'city_admin')) links.push({ to: paths.users, title: t('users.nav'), text: t('users.navText') });
  links.push({ to: paths.notifications, title: t('notifications.heading'), text: t('workNav.notificationsText') });
  return (
    <section aria-labelledby="work-links-heading">
      <h2 id="work-links-heading">{t('workNav.heading')}</h2>
      <ul className={work.linkCards}>
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className={work.linkCard}>
              <strong>{link.title}</strong>
              <span>{link.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
