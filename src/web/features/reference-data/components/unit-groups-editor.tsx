import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { TextField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';
import { useSetUnitGroups } from '../api/reference-data.js';
import styles from './reference-data.module.css';

interface Row {
  /** Stable React key: rows are added and removed in the middle. */
  id: number;
  grouping: string;
  group: string;
}

interface UnitGroupsEditorProps {
  code: string;
  name: string;
  groups: Record<string, string>;
  /** The groupings other units use, offered as suggestions. */
  groupings: string[];
  onClose: () => void;
  onSaved: () => void;
}

/**
 * One unit's peer groups (grouping → group: '유형' → '도시형'): rows added, changed and removed, saved as a whole
 * with PUT /org-units/:code/groups (a grouping left out is removed). Empty or repeated groupings are caught here;
 * anything else the server refuses shows its message.
 */
export function UnitGroupsEditor({ code, name, groups, groupings, onClose, onSaved }: UnitGroupsEditorProps) {
  const { t } = useTranslation();
  const save = useSetUnitGroups();
  const [rows, setRows] = useState<Row[]>(() => Object.entries(groups).map(([grouping, group], id) => ({ id, grouping, group })));
  const [nextId, setNextId] = useState(rows.length);
  const [invalid, setInvalid] = useState<string | null>(null);
  const problem = save.error instanceof ApiError ? save.error : null;
  const listId = `groupings-${code}`;
  const formRef = useRef<HTMLFormElement>(null);

  // The editor opens below the unit table: bring it into view and put the focus in it.
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
    formRef.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);

  function change(id: number, patch: Partial<Row>) {
    setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const cleaned = rows.map((r) => ({ grouping: r.grouping.trim(), group: r.group.trim() }));
    if (cleaned.some((r) => r.grouping === '' || r.group === '')) {
      setInvalid(t('referenceData.groups.empty'));
      return;
    }
    const seen = new Set<string>();
    const repeated = cleaned.find((r) => (seen.has(r.grouping) ? true : (seen.add(r.grouping), false)));
    if (repeated) {
      setInvalid(t('referenceData.groups.repeated', { grouping: repeated.grouping }));
      return;
    }
    setInvalid(null);
    save.mutate({ code, groups: Object.fromEntries(cleaned.map((r) => [r.grouping, r.group])) }, { onSuccess: onSaved });
  }

  const title = t('referenceData.groups.editOf', { name });
  return (
    <form ref={formRef} className={styles.editForm} onSubmit={submit} aria-label={title} noValidate>
      <h3 className={styles.editTitle}>{title}</h3>
      <p className={styles.editHint}>{t('referenceData.groups.intro')}</p>
      {(invalid !== null || save.isError) && (
        <Alert tone="danger" role="alert" title={t('referenceData.groups.refused')}>
          <p>{invalid ?? problem?.detail ?? problem?.title ?? t('errors.generic')}</p>
        </Alert>
      )}
      {rows.length === 0 && <p className={styles.editHint}>{t('referenceData.groups.none')}</p>}
      <datalist id={listId}>
        {groupings.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      {rows.map((r, n) => (
        <div className={styles.editFields} key={r.id}>
          <TextField
            label={t('referenceData.groups.grouping', { n: n + 1 })}
            value={r.grouping}
            maxLength={40}
            list={listId}
            onChange={(e) => change(r.id, { grouping: e.target.value })}
          />
          <TextField
            label={t('referenceData.groups.group', { n: n + 1 })}
            value={r.group}
            maxLength={40}
            onChange={(e) => change(r.id, { group: e.target.value })}
          />
          <Button size="small" variant="secondary" className={styles.removeRow} onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}>
            {t('referenceData.groups.remove', { n: n + 1 })}
          </Button>
        </div>
      ))}
      <div className={styles.editActions}>
        <Button
          variant="secondary"
          onClick={() => {
            setRows((rs) => [...rs, { id: nextId, grouping: rows.length === 0 && groupings.length > 0 ? groupings[0]! : '', group: '' }]);
            setNextId((k) => k + 1);
          }}
        >
          {t('referenceData.groups.add')}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.working') : t('referenceData.groups.save')}
        </Button>
        <Button variant="tertiary" onClick={onClose}>
          {t('referenceData.groups.cancel')}
        </Button>
      </div>
    </form>
  );
}
