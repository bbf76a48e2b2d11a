import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../components/ui/form-field.js';
import type { LocatedError } from './framework-errors.js';
import { errorAt } from './framework-errors.js';
import type { IndicatorGuidance } from './guidance-panel.js';
import styles from './framework-editor.module.css';

type Text = { ko: string; en: string };
type TextPart = 'definition' | 'formula' | 'notes';
type ListPart = 'evidence' | 'checklist';

interface GuidanceEditorProps {
  guidance: IndicatorGuidance | undefined;
  /** The indicator's server messages (paths such as `guidance.definition.ko`). */
  errors: LocatedError[] | undefined;
  onChange: (guidance: IndicatorGuidance | undefined) => void;
}

/** A part with nothing in either language is no part at all; a guidance without parts is none (so it is not saved). */
function tidy(g: IndicatorGuidance): IndicatorGuidance | undefined {
  const out: IndicatorGuidance = {};
  for (const key of ['definition', 'formula', 'notes'] as const) {
    const v = g[key];
    if (v && (v.ko !== '' || v.en !== '')) out[key] = v;
  }
  for (const key of ['evidence', 'checklist'] as const) {
    const v = g[key];
    if (v && v.length > 0) out[key] = v;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * The 평가 편람 of one indicator in the framework editor: definition, formula in words and notes as Korean and
 * English texts, evidence and checklist as one item a line (the English lines pair with the Korean ones in order).
 * Saved with the framework draft like every other edit.
 */
export function GuidanceEditor({ guidance, errors, onChange }: GuidanceEditorProps) {
  const { t } = useTranslation();
  const g = guidance ?? {};
  const setText = (part: TextPart, lang: keyof Text, value: string) => {
    const current = g[part] ?? { ko: '', en: '' };
    onChange(tidy({ ...g, [part]: { ...current, [lang]: value } }));
  };
  const setList = (part: ListPart, items: Text[]) => onChange(tidy({ ...g, [part]: items }));
  const text = (part: TextPart, rows: number) =>
    (['ko', 'en'] as const).map((lang) => (
      <TextAreaField
        key={`${part}-${lang}`}
        label={t(`handbook.editor.${part}${lang === 'ko' ? 'Ko' : 'En'}`)}
        lang={lang}
        rows={rows}
        maxLength={part === 'notes' ? 2000 : 1000}
        value={g[part]?.[lang] ?? ''}
        error={errorAt(errors, `guidance.${part}.${lang}`) ?? (lang === 'ko' ? errorAt(errors, `guidance.${part}`) : undefined)}
        onChange={(e) => setText(part, lang, e.target.value)}
      />
    ));

  return (
    <fieldset className={`${styles.wide} ${styles.guidance}`}>
      <legend>{t('handbook.editor.legend')}</legend>
      <p className={styles.guidanceIntro}>{t('handbook.editor.intro')}</p>
      <div className={styles.guidanceGrid}>
        {text('definition', 2)}
        {text('formula', 3)}
        <LinesField part="evidence" items={g.evidence ?? []} errors={errors} onChange={(items) => setList('evidence', items)} />
        <LinesField
          part="checklist"
          items={g.checklist ?? []}
          errors={errors}
          hint={t('handbook.editor.checklistHint')}
          onChange={(items) => setList('checklist', items)}
        />
        {text('notes', 2)}
      </div>
    </fieldset>
  );
}

const koLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
const enLines = (text: string, n: number) => Array.from({ length: n }, (_, i) => text.split('\n')[i]?.trim() ?? '');
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A list of bilingual items as two text areas, one item a line. The typed text is kept as typed (an empty line
 * while writing the next item stays), and replaced only when the items change from outside (a reload, a reset).
 */
function LinesField({
  part,
  items,
  errors,
  hint,
  onChange,
}: {
  part: ListPart;
  items: Text[];
  errors: LocatedError[] | undefined;
  hint?: string;
  onChange: (items: Text[]) => void;
}) {
  const { t } = useTranslation();
  const kos = items.map((i) => i.ko);
  const ens = items.map((i) => i.en);
  const [koText, setKoText] = useState(kos.join('\n'));
  const [enText, setEnText] = useState(ens.join('\n'));
  useEffect(() => {
    if (!same(koLines(koText), kos)) setKoText(kos.join('\n'));
    if (!same(enLines(enText, ens.length), ens)) setEnText(ens.join('\n'));
    // Only an outside change of the items resets the texts; typing changes them through onChange first.
  }, [JSON.stringify(items)]);
  const name = part === 'evidence' ? 'evidence' : 'checklist';
  return (
    <>
      <TextAreaField
        label={t(`handbook.editor.${name}Ko`)}
        hint={hint}
        lang="ko"
        rows={Math.max(3, kos.length + 1)}
        // One item a line: no soft wrapping, so the Korean and English lines stay side by side.
        wrap="off"
        value={koText}
        error={errorAt(errors, `guidance.${part}`)}
        onChange={(e) => {
          setKoText(e.target.value);
          const next = koLines(e.target.value);
          onChange(next.map((ko, i) => ({ ko, en: items[i]?.en ?? '' })));
        }}
      />
      <TextAreaField
        label={t(`handbook.editor.${name}En`)}
        lang="en"
        rows={Math.max(3, kos.length + 1)}
        // One item a line: no soft wrapping, so the Korean and English lines stay side by side.
        wrap="off"
        value={enText}
        onChange={(e) => {
          setEnText(e.target.value);
          const next = enLines(e.target.value, items.length);
          onChange(items.map((item, i) => ({ ...item, en: next[i]! })));
        }}
      />
    </>
  );
}
