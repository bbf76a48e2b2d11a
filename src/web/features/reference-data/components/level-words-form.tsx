import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { TextField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { LevelWordsRequest, ReferenceDataResponse } from '../../../types/index.js';
import { useSetLevelWords } from '../api/reference-data.js';
import styles from './reference-data.module.css';

type Level = ReferenceDataResponse['levels'][number];
const KEYS = ['nameKo', 'nounKo', 'nameEn', 'pluralEn'] as const;

/**
 * The words one level's units are called by (자치구 / 구 / district / districts), saved with PUT /unit-levels/:kind.
 * The server's refusal (its message in the UI language) shows above the fields and at the field it names.
 */
export function LevelWordsForm({ level }: { level: Level }) {
  const { t } = useTranslation();
  const save = useSetLevelWords();
  const initial: LevelWordsRequest = { nameKo: level.nameKo, nounKo: level.nounKo, nameEn: level.nameEn, pluralEn: level.pluralEn };
  const [words, setWords] = useState<LevelWordsRequest>(initial);
  const [saved, setSaved] = useState(false);
  const problem = save.error instanceof ApiError ? save.error : null;
  const dirty = KEYS.some((k) => words[k] !== initial[k]);
  const title = level.depth === 0 ? t('referenceData.levels.top') : t('referenceData.levels.member');

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const trimmed: LevelWordsRequest = {
      nameKo: words.nameKo.trim(),
      nounKo: words.nounKo.trim(),
      nameEn: words.nameEn.trim(),
      pluralEn: words.pluralEn.trim(),
    };
    save.mutate(
      { kind: level.kind, words: trimmed },
      {
        onSuccess: () => {
          setWords(trimmed);
          setSaved(true);
        },
      },
    );
  }

  return (
    <form className={styles.editForm} onSubmit={submit} aria-label={t('referenceData.levels.editOf', { level: title })} noValidate>
      <h3 className={styles.editTitle}>{t('referenceData.levels.editOf', { level: title })}</h3>
      {save.isError && (
        <Alert tone="danger" role="alert" title={t('referenceData.levels.refused')}>
          <p>{problem?.detail ?? problem?.title ?? t('errors.generic')}</p>
        </Alert>
      )}
      {saved && !dirty && (
        <Alert tone="success" role="status">
          {t('referenceData.levels.saved', { level: title })}
        </Alert>
      )}
      <div className={styles.editFields}>
        {KEYS.map((k) => (
          <TextField
            key={k}
            label={t(`referenceData.levels.field.${k}`)}
            value={words[k]}
            maxLength={40}
            required
            error={problem?.fieldError(`body.${k}`)}
            onChange={(e) => {
              setSaved(false);
              setWords((w) => ({ ...w, [k]: e.target.value }));
            }}
          />
        ))}
      </div>
      <div className={styles.editActions}>
        <Button type="submit" disabled={!dirty || save.isPending}>
          {save.isPending ? t('common.working') : t('referenceData.levels.save')}
        </Button>
        <Button
          variant="tertiary"
          disabled={!dirty || save.isPending}
          onClick={() => {
            save.reset();
            setWords(initial);
          }}
        >
          {t('referenceData.levels.discard')}
        </Button>
      </div>
    </form>
  );
}
