import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { SelectField, TextField } from '../../../components/ui/form-field.js';
import { translateOr } from '../../../lib/i18n.js';
import type { AuditFilters, OrgUnit } from '../../../types/index.js';
import formStyles from '../../../components/ui/form.module.css';

/** Entity types the server writes; the filter offers them by name. */
export const entityTypes = [
  'cycle',
  'framework',
  'scoring_run',
  'publication',
  'submission',
  'evidence_file',
  'activity_record',
  'record_type',
  'import',
  'objection',
  'review_round',
  'review_assignment',
  'user',
  'org_unit',
  'installation',
] as const;

const actionPrefixes = ['cycle.', 'framework.', 'scoring.', 'submission.', 'objection.', 'review.', 'activity_record.', 'evidence.', 'auth.', 'user.'];

interface AuditFiltersFormProps {
  value: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  districts: OrgUnit[];
  /** District users may only pick their own district(s); null = any district. */
  allowedDistricts: string[] | null;
}

/** Filters of the audit log, applied together when the form is sent (not at every keystroke). */
export function AuditFiltersForm({ value, onApply, districts, allowedDistricts }: AuditFiltersFormProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(value);
  const offered = allowedDistricts === null ? districts : districts.filter((d) => allowedDistricts.includes(d.code));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className={formStyles.filters} onSubmit={submit} role="search" aria-label={t('audit.filters.label')}>
      <TextField
        label={t('audit.filters.action')}
        hint={t('audit.filters.actionHint')}
        list="audit-action-prefixes"
        value={draft.action ?? ''}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setDraft({ ...draft, action: e.target.value })}
      />
      <datalist id="audit-action-prefixes">
        {actionPrefixes.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <SelectField label={t('audit.filters.entityType')} value={draft.entityType ?? ''} onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}>
        <option value="">{t('audit.filters.all')}</option>
        {entityTypes.map((type) => (
          <option key={type} value={type}>
            {translateOr(`audit.entities.${type}`, type)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('audit.filters.district')} value={draft.orgUnitCode ?? ''} onChange={(e) => setDraft({ ...draft, orgUnitCode: e.target.value })}>
        {allowedDistricts === null && <option value="">{t('audit.filters.all')}</option>}
        {offered.map((d) => (
          <option key={d.code} value={d.code}>
            {i18n.language === 'en' ? d.nameEn : d.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('audit.filters.actor')}
        hint={t('audit.filters.actorHint')}
        value={draft.actor ?? ''}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
      />
      <div className={formStyles.filterActions}>
        <Button type="submit">{t('audit.filters.apply')}</Button>
        <Button
          variant="tertiary"
          onClick={() => {
            const cleared: AuditFilters = allowedDistricts === null ? {} : { orgUnitCode: allowedDistricts[0] };
            setDraft(cleared);
            onApply(cleared);
          }}
        >
          {t('audit.filters.reset')}
        </Button>
      </div>
    </form>
  );
}
