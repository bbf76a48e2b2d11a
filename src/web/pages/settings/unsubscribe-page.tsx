import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { useUnsubscribe } from '../../features/email-settings/api/email-settings.js';
import styles from '../page.module.css';

/**
 * Where a daily digest's unsubscribe link leads: one button (a link opened by a mail scanner changes nothing), no
 * sign-in needed; the server checks the link's signature.
 */
export default function UnsubscribePage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const unsubscribe = useUnsubscribe();
  return (
    <div className={styles.narrow}>
      <PageTitle title={t('unsubscribe.pageTitle')} />
      <div className={styles.card}>
        <h1>{t('unsubscribe.heading')}</h1>
        {token === '' ? (
          <Alert tone="warning" title={t('unsubscribe.heading')}>
            <p>{t('unsubscribe.missing')}</p>
          </Alert>
        ) : unsubscribe.isSuccess ? (
          <Alert tone="success" role="status" title={t('unsubscribe.heading')}>
            <p>{t('unsubscribe.done')}</p>
          </Alert>
        ) : (
          <>
            {unsubscribe.isError && (
              <Alert tone="danger" role="alert" title={t('unsubscribe.heading')}>
                <p>{t('unsubscribe.invalid')}</p>
              </Alert>
            )}
            <p className={styles.meta}>{t('unsubscribe.intro')}</p>
            <Button onClick={() => unsubscribe.mutate(token)} disabled={unsubscribe.isPending}>
              {t('unsubscribe.confirm')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
