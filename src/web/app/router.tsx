import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/app-layout.js';
import { RouteError } from './route-error.js';

// One chunk per page: a visitor downloads only the screen they open (and ECharts only with a chart).
const ResultsPage = lazy(() => import('../pages/public/results-page.js'));
const ScorecardPage = lazy(() => import('../pages/public/scorecard-page.js'));
const OpenDataPage = lazy(() => import('../pages/public/open-data-page.js'));
const SignInPage = lazy(() => import('../pages/auth/sign-in-page.js'));
const MyWorkPage = lazy(() => import('../pages/my-work-page.js'));
const NotFoundPage = lazy(() => import('../pages/not-found-page.js'));

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
            { path: 'open-data', element: <OpenDataPage /> },
            { path: 'sign-in', element: <SignInPage /> },
            { path: 'my', element: <MyWorkPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
