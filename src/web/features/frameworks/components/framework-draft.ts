import { useCallback, useMemo, useState } from 'react';
import type { FrameworkDefinition, FrameworkField, FrameworkIndicator, MethodDefinition, MethodType } from '../../../types/index.js';

/** Which year's population per-capita indicators divide by (the definition's `populationYear`; absent = 'cycle'). */
export type PopulationYearRule = 'cycle' | 'latest_available';

export function populationYearOf(definition: FrameworkDefinition): PopulationYearRule {
  return definition.populationYear === 'latest_available' ? 'latest_available' : 'cycle';
}

/** Parameters a method starts with when the admin switches to it. */
export function defaultMethod(type: MethodType): MethodDefinition {
  switch (type) {
    case 'zscore':
      return { type, mean: 50, sd: 15 };
    case 'target':
      return { type, target: 100, cap: 100 };
    case 'goalposts':
      return { type, lo: 0, hi: 100 };
    case 'bands':
      return { type, thresholds: [1], scores: [0, 100] };
    case 'passthrough':
      return { type, max: 100 };
    default:
      return { type };
  }
}

/** Points per field code and overall, from the indicators (the only source of points). */
export function pointTotals(definition: FrameworkDefinition): { byField: Map<string, number>; total: number } {
  const byField = new Map<string, number>(definition.fields.map((f) => [f.code, 0]));
  let total = 0;
  for (const indicator of definition.indicators) {
    const points = Number.isFinite(indicator.points) ? indicator.points : 0;
    byField.set(indicator.field, (byField.get(indicator.field) ?? 0) + points);
    total += points;
  }
  // Points like 0.1 + 0.2 must not show as 0.30000000000000004.
  return { byField: new Map([...byField].map(([k, v]) => [k, round(v)])), total: round(total) };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A code not yet used by any indicator or field: the field's code followed by the next free number. */
function nextCode(definition: FrameworkDefinition, field: string): string {
  const used = new Set([...definition.indicators.map((i) => i.code), ...definition.fields.map((f) => f.code)]);
  const prefix = /^[A-Z][A-Z0-9_]*$/.test(field) ? field : 'X';
  for (let n = 1; ; n++) {
    const code = `${prefix}${n}`;
    if (!used.has(code)) return code;
  }
}

export interface FrameworkDraft {
  definition: FrameworkDefinition;
  dirty: boolean;
  updateIndicator: (index: number, patch: Partial<FrameworkIndicator>) => void;
  updateField: (index: number, patch: Partial<FrameworkField>) => void;
  addIndicator: (field: string) => number;
  removeIndicator: (index: number) => void;
  setPopulationYear: (rule: PopulationYearRule) => void;
  reset: (definition: FrameworkDefinition) => void;
}

/**
 * The framework being edited, as a working copy of the server's definition. Indicators keep their array position,
 * so the server's error paths (`definition.indicators.3.points`) point at the right row.
 */
export function useFrameworkDraft(initial: FrameworkDefinition): FrameworkDraft {
  const [base, setBase] = useState(initial);
  const [definition, setDefinition] = useState(initial);

  const updateIndicator = useCallback((index: number, patch: Partial<FrameworkIndicator>) => {
    setDefinition((d) => ({ ...d, indicators: d.indicators.map((i, k) => (k === index ? { ...i, ...patch } : i)) }));
  }, []);

  const updateField = useCallback((index: number, patch: Partial<FrameworkField>) => {
    setDefinition((d) => ({ ...d, fields: d.fields.map((f, k) => (k === index ? { ...f, ...patch } : f)) }));
  }, []);

  const addIndicator = useCallback(
    (field: string) => {
      const index = definition.indicators.length;
      setDefinition((d) => ({
        ...d,
        indicators: [
          ...d.indicators,
          {
            code: nextCode(d, field),
            field,
            name: { ko: '새 지표', en: 'New indicator' },
            points: 1,
            direction: 1,
            unit: '',
            kind: 'quantitative',
            method: { type: 'minmax' },
            formula: null,
            evidenceRequired: true,
            bounds: {},
            isNew: true,
          },
        ],
      }));
      return index;
    },
    [definition.indicators.length],
  );

  const removeIndicator = useCallback((index: number) => {
    setDefinition((d) => ({ ...d, indicators: d.indicators.filter((_, k) => k !== index) }));
  }, []);

  // 'cycle' is the rule when the member is absent; leaving it out keeps an untouched framework's definition (and hash) as it was.
  const setPopulationYear = useCallback((rule: PopulationYearRule) => {
    setDefinition((d) => {
      const { populationYear: _previous, ...rest } = d;
      return rule === 'cycle' ? rest : { ...rest, populationYear: rule };
    });
  }, []);

  const reset = useCallback((next: FrameworkDefinition) => {
    setBase(next);
    setDefinition(next);
  }, []);

  const dirty = useMemo(() => JSON.stringify(base) !== JSON.stringify(definition), [base, definition]);

  return { definition, dirty, updateIndicator, updateField, addIndicator, removeIndicator, setPopulationYear, reset };
}
