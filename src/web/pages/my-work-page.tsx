import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/ui/page-title.js';
import { ErrorState, LoadingState } from '../components/ui/status.js';
import { paths } from '../config/paths.js';
import { useMe } from '../features/auth/api/get-me.js';
import { RoleList } from '../features/auth/components/role-list.js';
import { useMyWork } from '../features/my-work/api/get-my-work.js';
import { formatNumber } from '../lib/format.js';
import { hasRole } from '../lib/roles.js';
import type { User } from '../types/index.js';
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
      <WorkCounts />
      <WorkLinks user={me.data} />
      <section aria-labelledby="roles-heading" className={styles.section}>
        <h2 id="roles-heading">{t('myWork.rolesHeading')}</h2>
        <RoleList roles={me.data.roles} />
      </section>
    </>
  );
}

type Count = { key: string; label: string; n: number; to: string; attention: boolean };

/** What waits for each of the user's roles, per cycle at work: counts that link to where the work is done. */
function WorkCounts() {
  const { t } = useTranslation();
  const myWork = useMyWork(true);
  if (myWork.isPending) return <LoadingState />;
  if (myWork.isError) return <ErrorState error={myWork.error} onRetry={() => void myWork.refetch()} />;
  if (myWork.data.cycles.length === 0) return null;
  return (
    <section aria-labelledby="work-counts-heading" className={styles.section}>
      <h2 id="work-counts-heading">{t('myWork.counts.heading')}</h2>
      {myWork.data.cycles.map((cycle) => {
        const counts: Count[] = [];
        for (const d of cycle.districts) {
          const to = paths.district(d.code, cycle.year, 'values');
          const prefix = cycle.districts.length > 1 ? `${d.name} · ` : '';
          if (d.roles.includes('district_officer')) {
            counts.push({ key: `${d.code}-submit`, label: prefix + t('myWork.counts.toSubmit'), n: d.toSubmit, to, attention: false });
            counts.push({ key: `${d.code}-returned`, label: prefix + t('myWork.counts.returned'), n: d.returned, to, attention: d.returned > 0 });
          }
          counts.push({ key: `${d.code}-changed`, label: prefix + t('myWork.counts.changed'), n: d.changed, to, attention: d.changed > 0 });
          if (d.roles.includes('district_approver')) {
            counts.push({ key: `${d.code}-approve`, label: prefix + t('myWork.counts.toApprove'), n: d.toApprove, to, attention: d.toApprove > 0 });
          }
        }
        if (cycle.city) {
          const to = paths.verification(cycle.year);
          counts.push({ key: 'verify', label: t('myWork.counts.toVerify'), n: cycle.city.toVerify, to, attention: cycle.city.toVerify > 0 });
          counts.push({ key: 'city-changed', label: t('myWork.counts.cityChanged'), n: cycle.city.changed, to, attention: false });
          counts.push({ key: 'city-returned', label: t('myWork.counts.cityReturned'), n: cycle.city.returned, to, attention: false });
        }
        if (cycle.reviews) {
          counts.push({
            key: 'score',
            label: t('myWork.counts.toScore'),
            n: cycle.reviews.toScore,
            to: paths.currentReviews,
            attention: cycle.reviews.toScore > 0,
          });
        }
        return (
          <div key={cycle.year}>
            <h3>{t('myWork.counts.cycle', { year: cycle.year, stage: t(`stages.${cycle.cycleStatus}`) })}</h3>
            <ul className={work.countCards} aria-label={t('myWork.counts.cycle', { year: cycle.year, stage: t(`stages.${cycle.cycleStatus}`) })}>
              {counts.map((c) => (
                <li key={c.key}>
                  <Link to={c.to} className={c.attention ? `${work.countCard} ${work.countCardAttention}` : work.countCard} data-testid={`work-count-${c.key}`}>
                    <strong>{t('myWork.counts.n', { count: c.n, n: formatNumber(c.n) })}</strong>
                    <span>{c.label}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

type WorkLink = { to: string; title: string; text: string };

/** Where each of the user's roles works, as the first thing after signing in. */
function WorkLinks({ user }: { user: User }) {
  const { t } = useTranslation();
  const links: WorkLink[] = [];
  const district = hasRole(user, 'district_officer', 'district_approver');
  const city = hasRole(user, 'city_admin', 'auditor');
  if (district)
    links.push({
      to: paths.myDistrict,
      title: t('workNav.district'),
      text: t(hasRole(user, 'district_officer') ? 'workNav.districtText' : 'workNav.districtApproverText'),
    });
  if (city) {
    links.push({ to: paths.admin, title: t('header.work.dashboard'), text: t('workNav.dashboardText') });
    links.push({ to: paths.currentVerification, title: t('workNav.verification'), text: t('workNav.verificationText') });
  }
  if (city || hasRole(user, 'reviewer'))
    links.push({ to: paths.currentReviews, title: t('workNav.reviews'), text: t(city ? 'workNav.reviewsCityText' : 'workNav.reviewsText') });
  if (city || district)
    links.push({ to: paths.currentObjections, title: t('workNav.objections'), text: t(city ? 'workNav.objectionsCityText' : 'workNav.objectionsText') });
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
