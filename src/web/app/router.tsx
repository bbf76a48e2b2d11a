import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/app-layout.js';
import { RequireRole } from './require-role.js';
import { RouteError } from './route-error.js';
import { paths } from '../config/paths.js';

// One chunk per page: a visitor downloads only the screen they open (and ECharts only with a chart, the scoring
// engine only with the what-if simulator).
const ResultsPage = lazy(() => import('../pages/public/results-page.js'));
const ScorecardPage = lazy(() => import('../pages/public/scorecard-page.js'));
const ScorecardsPage = lazy(() => import('../pages/public/scorecards-page.js'));
const OpenDataPage = lazy(() => import('../pages/public/open-data-page.js'));
const AnalysisPage = lazy(() => import('../pages/analysis/analysis-page.js'));
const WhatIfPage = lazy(() => import('../pages/whatif/whatif-page.js'));
const SignInPage = lazy(() => import('../pages/auth/sign-in-page.js'));
const ChangePasswordPage = lazy(() => import('../pages/auth/change-password-page.js'));
const AccountSecurityPage = lazy(() => import('../pages/auth/account-security-page.js'));
const SecondFactorPage = lazy(() => import('../pages/auth/second-factor-page.js'));
const MyWorkPage = lazy(() => import('../pages/my-work-page.js'));
const DashboardPage = lazy(() => import('../pages/admin/dashboard-page.js'));
const FrameworkPage = lazy(() => import('../pages/admin/framework-page.js'));
const ScoringPage = lazy(() => import('../pages/admin/scoring-page.js'));
const UsersPage = lazy(() => import('../pages/admin/users-page.js'));
const AwardHistoryPage = lazy(() => import('../pages/admin/award-history-page.js'));
const PublicationPage = lazy(() => import('../pages/admin/publication-page.js'));
const ReferenceDataPage = lazy(() => import('../pages/admin/reference-data-page.js'));
const AuditPage = lazy(() => import('../pages/audit/audit-page.js'));
const DistrictHomePage = lazy(() => import('../pages/district/district-home-page.js'));
const DistrictPage = lazy(() => import('../pages/district/district-page.js'));
const VerificationPage = lazy(() => import('../pages/verification/verification-page.js'));
const ReviewsPage = lazy(() => import('../pages/reviews/reviews-page.js'));
const AssignmentPage = lazy(() => import('../pages/reviews/assignment-page.js'));
const ObjectionsPage = lazy(() => import('../pages/objections/objections-page.js'));
const AdjustmentsPage = lazy(() => import('../pages/adjustments/adjustments-page.js'));
const NotificationsPage = lazy(() => import('../pages/notifications/notifications-page.js'));
const EmailSettingsPage = lazy(() => import('../pages/settings/email-settings-page.js'));
const UnsubscribePage = lazy(() => import('../pages/settings/unsubscribe-page.js'));
const CurrentCycleRedirect = lazy(() => import('../pages/admin/current-cycle-redirect.js').then((m) => ({ default: m.CurrentCycleRedirect })));
const NotFoundPage = lazy(() => import('../pages/not-found-page.js'));

// The server enforces every rule on every call; these guards only spare people a page they cannot use.
const cityReaders = ['city_admin', 'auditor'] as const;
const auditReaders = ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const;
const districtReaders = auditReaders;
const reviewReaders = ['reviewer', 'city_admin', 'auditor'] as const;
const signedIn = ['city_admin', 'auditor', 'district_officer', 'district_approver', 'reviewer'] as const;

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <ResultsPage /> },
            { path: 'results/:year', element: <ResultsPage /> },
            { path: 'results/:year/districts/:code', element: <ScorecardPage /> },
            { path: 'results/:year/analysis', element: <AnalysisPage /> },
            { path: 'scorecards', element: <ScorecardsPage /> },
            { path: 'open-data', element: <OpenDataPage /> },
            { path: 'whatif', element: <WhatIfPage /> },
            { path: 'whatif/:year', element: <WhatIfPage /> },
            { path: 'sign-in', element: <SignInPage /> },
            { path: 'my', element: <MyWorkPage /> },
            { path: 'account/password', element: <ChangePasswordPage /> },
            { path: 'account/security', element: <AccountSecurityPage /> },
            { path: 'sign-in/code', element: <SecondFactorPage /> },

            { path: 'email/unsubscribe', element: <UnsubscribePage /> },
            {
              path: 'settings/notifications',
              element: (
                <RequireRole roles={[...signedIn]}>
                  <EmailSettingsPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <DashboardPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/cycles/:year',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <DashboardPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/framework',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <FrameworkPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/scoring',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <ScoringPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/cycles/:year/framework',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <FrameworkPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/cycles/:year/scoring',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <ScoringPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/scoring-runs/:id/analysis',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <AnalysisPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/award-history',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <AwardHistoryPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/publication',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <PublicationPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/cycles/:year/publication',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <PublicationPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/reference-data',
              element: (
                <RequireRole roles={['city_admin']}>
                  <ReferenceDataPage />
                </RequireRole>
              ),
            },
            {
              path: 'admin/users',
              element: (
                <RequireRole roles={['city_admin']}>
                  <UsersPage />
                </RequireRole>
              ),
            },
            {
              path: 'audit',
              element: (
                <RequireRole roles={[...auditReaders]}>
                  <AuditPage />
                </RequireRole>
              ),
            },
            {
              path: 'district',
              element: (
                <RequireRole roles={[...districtReaders]}>
                  <DistrictHomePage />
                </RequireRole>
              ),
            },
            {
              path: 'district/:code/:year',
              element: (
                <RequireRole roles={[...districtReaders]}>
                  <DistrictPage />
                </RequireRole>
              ),
            },
            {
              path: 'verification',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <CurrentCycleRedirect to={paths.verification} />
                </RequireRole>
              ),
            },
            {
              path: 'verification/:year',
              element: (
                <RequireRole roles={[...cityReaders]}>
                  <VerificationPage />
                </RequireRole>
              ),
            },
            {
              path: 'reviews',
              element: (
                <RequireRole roles={[...reviewReaders]}>
                  <CurrentCycleRedirect to={paths.reviews} />
                </RequireRole>
              ),
            },
            {
              path: 'reviews/:year',
              element: (
                <RequireRole roles={[...reviewReaders]}>
                  <ReviewsPage />
                </RequireRole>
              ),
            },
            {
              path: 'reviews/:year/assignments/:id',
              element: (
                <RequireRole roles={[...reviewReaders]}>
                  <AssignmentPage />
                </RequireRole>
              ),
            },
            // A cycle's objection committee may include reviewers; the server decides who sees what.
            {
              path: 'objections',
              element: (
                <RequireRole roles={[...signedIn]}>
                  <CurrentCycleRedirect to={paths.objections} />
                </RequireRole>
              ),
            },
            {
              path: 'objections/:year',
              element: (
                <RequireRole roles={[...signedIn]}>
                  <ObjectionsPage />
                </RequireRole>
              ),
            },
            {
              path: 'adjustments',
              element: (
                <RequireRole roles={[...districtReaders]}>
                  <CurrentCycleRedirect to={paths.adjustments} />
                </RequireRole>
              ),
            },
            {
              path: 'adjustments/:year',
              element: (
                <RequireRole roles={[...districtReaders]}>
                  <AdjustmentsPage />
                </RequireRole>
              ),
            },
            {
              path: 'notifications',
              element: (
                <RequireRole roles={[...signedIn]}>
                  <NotificationsPage />
                </RequireRole>
              ),
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
