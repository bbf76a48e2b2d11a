import type { EvaluationInput, IMetaRow } from '../../engine/index.js';
import type { FrameworkDefinition, Method } from '../frameworks/definition.js';

export const TOP_CODE = 'TOTAL';

function methodColumns(m: Method): Partial<IMetaRow> {
  switch (m.type) {
    case 'target':
      return { Method: 'target', Target: m.target, Cap: m.cap };
    case 'goalposts':
      return { Method: 'goalposts', Lo: m.lo, Hi: m.hi };
    case 'bands':
      return { Method: 'bands', Bands: m.thresholds, BandScores: m.scores };
    case 'zscore':
      return { Method: 'zscore', ZMean: m.mean, ZSD: m.sd, Floor: 0, Cap: 100 };
    case 'passthrough':
      return { Method: 'passthrough', Lo: 0, Hi: m.max };
    default:
      return { Method: m.type };
  }
}

export interface UnitValues {
  code: string;
  name: string;
  /** Indicator code → value (null/absent = missing). */
  values: Record<string, number | null>;
}

/**
 * Turns a framework (points as weights) and the districts' values into the engine's COINr-style input:
 * TOTAL (level 3) ← fields (level 2, weight = their points) ← indicators (level 1, weight = points).
 * Missing values earn 0 points (missing policy `zero`): a district that reports nothing gets nothing.
 */
export function toEngineInput(def: FrameworkDefinition, units: readonly UnitValues[], about: Record<string, unknown> = {}): EvaluationInput {
  const fieldPoints = new Map<string, number>();
  for (const i of def.indicators) fieldPoints.set(i.field, (fieldPoints.get(i.field) ?? 0) + i.points);
  const iMeta: IMetaRow[] = [
    ...def.indicators.map((i) => ({
      iCode: i.code,
      iName: i.name.ko,
      Level: 1,
      Parent: i.field,
      Weight: i.points,
      Direction: i.direction,
      Type: 'Indicator',
      Unit: i.unit || null,
      ...methodColumns(i.method),
    })),
    ...def.fields.map((f) => ({
      iCode: f.code,
      iName: f.name.ko,
      Level: 2,
      Parent: TOP_CODE,
      Weight: fieldPoints.get(f.code) ?? 0,
      Direction: 1,
      Type: 'Aggregate',
    })),
    { iCode: TOP_CODE, iName: '총점', Level: 3, Parent: null, Weight: 1, Direction: 1, Type: 'Aggregate' },
  ];
  const iData = units.map((u) => {
    const row: Record<string, number | string | null> = { uCode: u.code, uName: u.name };
    for (const i of def.indicators) {
      const v = u.values[i.code];
      row[i.code] = v === undefined || v === null || !Number.isFinite(v) ? null : v;
    }
    return row;
  });
  return { iMeta, iData, options: { points: true, missing: 'zero' }, about };
}
