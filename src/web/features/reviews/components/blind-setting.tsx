import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { CheckboxField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ReviewSettings } from '../../../types/index.js';
import { useSetReviewSettings } from '../api/set-review-settings.js';
import styles from './reviews.module.css';

/** The admin's "blind to district" choice for the cycle; read-only once the review stage has begun. */
export function BlindSetting({ year, settings, canEdit }: { year: number; settings: ReviewSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const [blind, setBlind] = useState(settings.blind);
  const save = useSetReviewSettings(year);
  const editable = canEdit && settings.editable;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ blind, version: settings.version });
  }
  return (
    <form className={styles.inlineForm} onSubmit={onSubmit} noValidate>
      <CheckboxField
        label={t('reviews.settings.blind')}
        hint={editable ? t('reviews.settings.blindHint') : t('reviews.settings.frozen')}
        checked={blind}
        disabled={!editable}
        onChange={(e) => setBlind(e.target.checked)}
      />
      {save.isError && (
        <Alert tone="danger" role="alert">
          {save.error instanceof ApiError ? (save.error.detail ?? save.error.title) : String(save.error)}
        </Alert>
      )}
      {save.isSuccess && (
        <Alert tone="success" role="status">
          {t('reviews.settings.saved')}
        </Alert>
      )}
      {editable && (
        <div>
          <Button type="submit" variant="secondary" disabled={save.isPending || blind === settings.blind}>
            {t('reviews.settings.save')}
          </Button>
        </div>
      )}
    </form>
  );
}
