import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useBlocker } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextAreaField } from '../../../components/ui/form-field.js';
import formStyles from '../../../components/ui/form.module.css';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Framework } from '../../../types/index.js';
import { useSaveFramework } from '../api/save-framework.js';
import { pointTotals, useFrameworkDraft } from './framework-draft.js';
import { locateFrameworkErrors } from './framework-errors.js';
import { FieldSection } from './field-section.js';
import { FrameworkSettings } from './framework-settings.js';
import { FrameworkTotals } from './framework-totals.js';
import bar from './save-bar.module.css';

interface FrameworkEditorProps {
  framework: Framework;
  readOnly: boolean;
  /** Reads the current version from the server again (after "someone else saved"). */
  onReload: () => Promise<Framework | undefined>;
}

/**
 * The framework as a tree of fields → indicators, edited in place and saved in one PUT with the rowVersion it was
 * read at. 409: someone else saved first (reload, own changes dropped). 400: the server's messages appear at the
 * indicator and control they name, and in a summary that jumps there. A frozen framework saves as a new version and
 * asks for the reason first.
 */
export function FrameworkEditor({ framework, readOnly, onReload }: FrameworkEditorProps) {
  const { t, i18n } = useTranslation();
  const draft = useFrameworkDraft(framework.definition);
  const save = useSaveFramework(framework.cycleYear);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const { definition } = draft;

  // A new version from the server (after a save, a copy or a reload) replaces the working copy.
  const [seenHash, setSeenHash] = useState(`${framework.version}:${framework.rowVersion}:${framework.definitionHash}`);
  const hash = `${framework.version}:${framework.rowVersion}:${framework.definitionHash}`;
  if (hash !== seenHash) {
    setSeenHash(hash);
    draft.reset(framework.definition);
  }

  const problem = save.error instanceof ApiError ? save.error : null;
  const conflict = problem?.status === 409;
  const located = useMemo(() => locateFrameworkErrors(problem?.status === 400 ? problem.errors : []), [problem]);
  const reasonError = problem?.fieldError('body.reason');
  const { byField } = pointTotals(definition);

  // Open every indicator the server complained about, so its message is in view.
  useEffect(() => {
    if (located.indicators.size === 0) return;
    setExpanded((current) => new Set([...current, ...located.indicators.keys()]));
  }, [located]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => draft.dirty && !readOnly && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!draft.dirty || readOnly) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [draft.dirty, readOnly]);

  function toggle(index: number) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  }

  function send(withReason: string | null) {
    setSavedVersion(null);
    save.mutate(
      {
        request: { definition, rowVersion: framework.rowVersion, ...(withReason === null ? {} : { reason: withReason }) },
        basedOn: { version: framework.version, frozen: framework.frozen },
      },
      {
        onSuccess: (saved) => {
          setAskReason(false);
          setReason('');
          setSavedVersion(saved.version);
          draft.reset(saved.definition);
        },
        onError: (error) => {
          // A missing reason is answered inside the dialog; everything else above the tree.
          if (error instanceof ApiError && error.fieldError('body.reason') !== undefined) return;
          setAskReason(false);
          requestAnimationFrame(() => alertRef.current?.focus());
        },
      },
    );
  }

  function onSave() {
    if (framework.frozen) setAskReason(true);
    else send(null);
  }

  function submitReason(event: FormEvent) {
    event.preventDefault();
    send(reason.trim() === '' ? '' : reason.trim());
  }

  async function reload() {
    save.reset();
    const current = await onReload();
    if (current !== undefined) draft.reset(current.definition);
  }

  function jumpTo(index: number) {
    setExpanded((current) => new Set([...current, index]));
    requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>(`#indicator-${index} button`);
      target?.focus();
      target?.scrollIntoView({ block: 'center' });
    });
  }

  const indicatorErrorList = [...located.indicators.entries()].sort(([a], [b]) => a - b);

  return (
    <>
      {savedVersion !== null && !draft.dirty && (
        <Alert tone="success" role="status">
          {t('framework.saved', { version: savedVersion })}
        </Alert>
      )}

      {save.isError && conflict && (
        <Alert
          ref={alertRef}
          tone="danger"
          role="alert"
          title={t('framework.conflictTitle')}
          actions={<Button onClick={() => void reload()}>{t('framework.reload')}</Button>}
        >
          <p>{t('framework.conflictText')}</p>
        </Alert>
      )}

      {save.isError && !conflict && (
        <Alert ref={alertRef} tone="danger" role="alert" title={problem?.detail ?? problem?.title ?? t('errors.generic')}>
          {problem !== null && problem.errors.length > 0 && (
            <>
              <p>{t('framework.errorSummary', { count: problem.errors.length })}</p>
              <ul>
                {located.total.map((message) => (
                  <li key={message}>{t('framework.errorTotal', { message })}</li>
                ))}
                {indicatorErrorList.map(([index, errors]) => (
                  <li key={index}>
                    <button type="button" className={bar.linkButton} onClick={() => jumpTo(index)}>
                      {definition.indicators[index]?.code ?? `#${index + 1}`}
                    </button>
                    : {errors.map((e) => e.message).join(' · ')}
                  </li>
                ))}
                {[...located.fields.entries()].map(([index, errors]) => (
                  <li key={`field-${index}`}>
                    {definition.fields[index]?.code ?? index}: {errors.map((e) => e.message).join(' · ')}
                  </li>
                ))}
                {located.other.map((e) => (
                  <li key={`${e.path}:${e.message}`}>{e.message}</li>
                ))}
              </ul>
            </>
          )}
        </Alert>
      )}

      {framework.warnings.length > 0 && (
        <Alert tone="warning" title={t('framework.lintTitle', { count: framework.warnings.length })}>
          <p>{t('framework.lintText')}</p>
          <ul>
            {framework.warnings.map((w) => (
              <li key={`${w.code}:${w.path}:${w.indicators.join('+')}`}>
                {localized(w.message, i18n.language)}
                {w.indicators.map((code, n) => {
                  const index = definition.indicators.findIndex((i) => i.code === code);
                  return index < 0 ? null : (
                    <span key={code}>
                      {n === 0 ? ' → ' : ', '}
                      <button type="button" className={bar.linkButton} onClick={() => jumpTo(index)}>
                        {code}
                      </button>
                    </span>
                  );
                })}
              </li>
            ))}
          </ul>
        </Alert>
      )}

      <FrameworkSettings definition={definition} onPopulationYearChange={draft.setPopulationYear} readOnly={readOnly} />

      <FrameworkTotals definition={definition} serverErrors={located.total} />

      {definition.fields.map((field, fieldIndex) => (
        <FieldSection
          key={field.code}
          field={field}
          fieldIndex={fieldIndex}
          fields={definition.fields}
          indicators={definition.indicators.map((indicator, index) => ({ indicator, index })).filter((x) => x.indicator.field === field.code)}
          points={byField.get(field.code) ?? 0}
          fieldErrors={located.fields.get(fieldIndex)}
          indicatorErrors={located.indicators}
          expanded={expanded}
          onToggle={toggle}
          onFieldChange={(patch) => draft.updateField(fieldIndex, patch)}
          onIndicatorChange={draft.updateIndicator}
          onAdd={() => {
            const index = draft.addIndicator(field.code);
            setExpanded((current) => new Set([...current, index]));
          }}
          onRemove={(index) => {
            draft.removeIndicator(index);
            setExpanded((current) => new Set([...current].filter((k) => k !== index).map((k) => (k > index ? k - 1 : k))));
          }}
          readOnly={readOnly}
        />
      ))}

      {!readOnly && (
        <div className={bar.bar} role="region" aria-label={t('framework.saveBarLabel')}>
          <p className={bar.state} aria-live="polite">
            <span aria-hidden="true">{draft.dirty ? '● ' : '✔ '}</span>
            {draft.dirty ? t('framework.unsaved') : savedVersion !== null ? t('framework.saved', { version: savedVersion }) : t('framework.noChanges')}
          </p>
          <div className={bar.actions}>
            <Button
              variant="tertiary"
              disabled={!draft.dirty || save.isPending}
              onClick={() => {
                save.reset();
                draft.reset(framework.definition);
              }}
            >
              {t('framework.discard')}
            </Button>
            <Button disabled={!draft.dirty || save.isPending} onClick={onSave}>
              {save.isPending ? t('common.working') : framework.frozen ? t('framework.saveNewVersion') : t('framework.save')}
            </Button>
          </div>
        </div>
      )}

      <Dialog
        open={askReason}
        onClose={() => setAskReason(false)}
        title={t('framework.reasonTitle')}
        footer={
          <>
            <Button variant="tertiary" onClick={() => setAskReason(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" form="framework-reason-form" disabled={save.isPending}>
              {save.isPending ? t('common.working') : t('framework.saveNewVersion')}
            </Button>
          </>
        }
      >
        <form id="framework-reason-form" className={formStyles.stack} onSubmit={submitReason} noValidate>
          <p>{t('framework.reasonText', { version: framework.version + 1 })}</p>
          <TextAreaField
            label={t('framework.reasonLabel')}
            value={reason}
            rows={3}
            maxLength={2000}
            error={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
        </form>
      </Dialog>

      <Dialog
        open={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('framework.leaveTitle')}
        footer={
          <>
            <Button variant="tertiary" onClick={() => blocker.reset?.()}>
              {t('framework.stay')}
            </Button>
            <Button onClick={() => blocker.proceed?.()}>{t('framework.leave')}</Button>
          </>
        }
      >
        <p>{t('framework.leaveText', { title: localized(definition.title, i18n.language) })}</p>
      </Dialog>
    </>
  );
}
