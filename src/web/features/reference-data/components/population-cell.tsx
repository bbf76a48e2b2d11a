import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { formatNumber } from '../../../lib/format.js';
import { ApiError } from '../../../lib/problem-details.js';
import { useEditPopulation } from '../api/reference-data.js';
import styles from './reference-data.module.css';

interface PopulationCellProps {
  code: string;
  name: string;
  year: number;
  population: number | null;
}

/** One unit's population of one year: the figure (or "없음", highlighted), edited in place on click. */
export function PopulationCell({ code, name, year, population }: PopulationCellProps) {
  const { t } = useTranslation();
  const edit = useEditPopulation();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const label = t('referenceData.populations.cellLabel', { name, year });

  if (!editing) {
    return (
      <td className={population === null ? styles.missing : undefined}>
        <div className={styles.cell}>
          <button
            type="button"
            className={styles.cellButton}
            onClick={() => {
              setText(population === null ? '' : String(population));
              setError(null);
              setEditing(true);
            }}
          >
            {/* The figure is the visible name; the hidden words say whose and which year (for screen readers). */}
            <span className="visually-hidden">{t('referenceData.populations.editLabel', { name, year })} </span>
            {population === null ? t('referenceData.populations.missing') : formatNumber(population)}
          </button>
        </div>
      </td>
    );
  }

  function save() {
    const value = Number(text.replaceAll(',', '').trim());
    if (!Number.isInteger(value) || value < 1) {
      setError(t('referenceData.populations.invalid'));
      return;
    }
    edit.mutate(
      { year, code, population: value },
      {
        onSuccess: () => setEditing(false),
        onError: (e) => setError(e instanceof ApiError ? (e.detail ?? e.title) : t('errors.generic')),
      },
    );
  }

  return (
    <td>
      <form
        className={styles.cell}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <input
          className={styles.cellInput}
          inputMode="numeric"
          aria-label={label}
          aria-invalid={error !== null}
          value={text}
          autoFocus
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setEditing(false);
          }}
        />
        <Button type="submit" size="small" disabled={edit.isPending}>
          {t('referenceData.populations.save')}
        </Button>
        <Button size="small" variant="secondary" onClick={() => setEditing(false)}>
          {t('referenceData.populations.cancel')}
        </Button>
      </form>
      {error !== null && (
        <p role="alert" className={styles.missing}>
          {error}
        </p>
      )}
    </td>
  );
}
