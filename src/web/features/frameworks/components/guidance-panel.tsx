import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../../lib/api-client.js';
import { localized } from '../../../lib/localized.js';
import type { FrameworkDefinition, FrameworkIndicator } from '../../../types/index.js';
import styles from './guidance.module.css';

export type IndicatorGuidance = NonNullable<FrameworkIndicator['guidance']>;

/** The 평가 편람 of every indicator of a framework, by code (absent when the framework is not loaded yet). */
export function guidanceByCode(definition: FrameworkDefinition | undefined): Map<string, IndicatorGuidance> {
  const map = new Map<string, IndicatorGuidance>();
  for (const i of definition?.indicators ?? []) if (i.guidance !== undefined) map.set(i.code, i.guidance);
  return map;
}

/** Where a signed-in user downloads a cycle's whole handbook (the current framework version, draft included, or `version`). */
export const handbookPdfUrl = (year: number, language: string, version?: number) =>
  apiUrl(`/cycles/${year}/framework/handbook.pdf?lang=${language === 'en' ? 'en' : 'ko'}${version === undefined ? '' : `&version=${version}`}`);

interface GuidancePanelProps {
  year: number;
  code: string;
  guidance: IndicatorGuidance | undefined;
  /** Open at first (the reviewer's sheet); the officer's items start it closed on narrow screens. */
  defaultOpen?: boolean;
  className?: string;
}

/**
 * The 평가 편람 of one indicator beside the form that fills it: definition, formula in words, the evidence to file,
 * the checklist (for "개 항목" indicators, the items that count) and notes; a link to the whole handbook as PDF.
 * Collapsible, so it never pushes the form out of sight.
 */
export function GuidancePanel({ year, code, guidance, defaultOpen = true, className }: GuidancePanelProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const say = (text: { ko: string; en: string }) => localized(text, i18n.language);
  const evidence = guidance?.evidence ?? [];
  const checklist = guidance?.checklist ?? [];
  const empty = guidance === undefined || (!guidance.definition && !guidance.formula && evidence.length === 0 && checklist.length === 0 && !guidance.notes);
  return (
    <details className={`${styles.panel} ${className ?? ''}`} open={defaultOpen} data-testid={`guidance-${code}`}>
      <summary className={styles.summary}>
        <span id={headingId}>{t('handbook.titleOf', { code })}</span>
      </summary>
      <div className={styles.body} role="region" aria-labelledby={headingId}>
        {empty ? (
          <p className={styles.muted}>{t('handbook.empty')}</p>
        ) : (
          <dl className={styles.parts}>
            {guidance.definition && (
              <div>
                <dt>{t('handbook.definition')}</dt>
                <dd>{say(guidance.definition)}</dd>
              </div>
            )}
            {guidance.formula && (
              <div>
                <dt>{t('handbook.formula')}</dt>
                <dd>{say(guidance.formula)}</dd>
              </div>
            )}
            {evidence.length > 0 && (
              <div>
                <dt>{t('handbook.evidence')}</dt>
                <dd>
                  <ul>
                    {evidence.map((e, i) => (
                      <li key={i}>{say(e)}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {checklist.length > 0 && (
              <div>
                <dt>{t('handbook.checklist')}</dt>
                <dd>
                  <ol className={styles.checklist}>
                    {checklist.map((e, i) => (
                      <li key={i}>{say(e)}</li>
                    ))}
                  </ol>
                </dd>
              </div>
            )}
            {guidance.notes && (
              <div>
                <dt>{t('handbook.notes')}</dt>
                <dd>{say(guidance.notes)}</dd>
              </div>
            )}
          </dl>
        )}
        <p className={styles.pdf}>
          <a href={handbookPdfUrl(year, i18n.language)} download title={t('handbook.pdfHint')}>
            {t('handbook.pdf')}
          </a>
        </p>
      </div>
    </details>
  );
}
