import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/ui/button.js';
import { NotFound } from '../components/ui/not-found.js';

/** Shown when a page fails to load (typically a stale chunk after a new release) or throws while rendering. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <div role="alert">
      <h1>{t('errors.heading')}</h1>
      <p>{t('errors.pageLoadFailed')}</p>
      <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
    </div>
  );
}
