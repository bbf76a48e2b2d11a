import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { SelectField, TextField } from '../../../components/ui/form-field.js';
import type { OrgUnit, UserFilters } from '../../../types/index.js';
import { assignableRoles, isRole } from './role-grants.js';
import formStyles from '../../../components/ui/form.module.css';

interface UserFiltersFormProps {
  value: UserFilters;
  onApply: (filters: UserFilters) => void;
  districts: OrgUnit[];
}

/** Search by username or name, role and district; applied together when the form is sent. */
export function UserFiltersForm({ value, onApply, districts }: UserFiltersFormProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<UserFilters>(value);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className={formStyles.filters} onSubmit={submit} role="search" aria-label={t('users.filters.label')}>
      <TextField
        label={t('users.filters.q')}
        hint={t('users.filters.qHint')}
        type="search"
        value={draft.q ?? ''}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setDraft({ ...draft, q: e.target.value })}
      />
      <SelectField
        label={t('users.filters.role')}
        value={draft.role ?? ''}
        onChange={(e) => setDraft({ ...draft, role: isRole(e.target.value) ? e.target.value : undefined })}
      >
        <option value="">{t('users.filters.all')}</option>
        {assignableRoles.map((role) => (
          <option key={role} value={role}>
            {t(`myWork.roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('users.filters.district')} value={draft.orgUnitCode ?? ''} onChange={(e) => setDraft({ ...draft, orgUnitCode: e.target.value })}>
        <option value="">{t('users.filters.all')}</option>
        {districts.map((d) => (
          <option key={d.code} value={d.code}>
            {i18n.language === 'en' ? d.nameEn : d.name}
          </option>
        ))}
      </SelectField>
      <div className={formStyles.filterActions}>
        <Button type="submit">{t('users.filters.apply')}</Button>
        <Button
          variant="tertiary"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          {t('users.filters.reset')}
        </Button>
      </div>
    </form>
  );
}
