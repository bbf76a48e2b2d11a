import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../config/paths.js';
import { PageTitle } from './page-title.js';

/** "Page not found" content, for the catch-all route and for addresses whose parameters make no sense. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <div>
      <PageTitle title={t('errors.notFoundTitle')} />
      <h1>{t('errors.notFoundTitle')}</h1>
      <p>{t('errors.notFoundText')}</p>
      <Link to={paths.home}>{t('errors.goHome')}</Link>
    </div>
  );
}
