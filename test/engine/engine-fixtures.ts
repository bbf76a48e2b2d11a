/** Small builders for engine tests: a framework and data written as compactly as a table. */
import type { EvaluationInput, IDataRow, IMetaRow, ScoreOptions } from '../../src/engine/index.js';

/** An indicator row. */
export function indicator(iCode: string, parent: string, weight: number, extra: Partial<IMetaRow> = {}): IMetaRow {
  return { iCode, iName: iCode, Level: 1, Parent: parent, Weight: weight, Direction: 1, Type: 'Indicator', ...extra };
}

/** An aggregate row (top node when parent is null). */
export function aggregate(iCode: string, level: number, parent: string | null, weight: number | null = 1): IMetaRow {
  return { iCode, iName: iCode, Level: level, Parent: parent, Weight: weight, Direction: 1, Type: 'Aggregate' };
}

/** Units from a value table: `units({ A: { x: 1 }, B: { x: 2 } })`. */
export function units(table: Record<string, Record<string, number | string | null>>): IDataRow[] {
  return Object.entries(table).map(([uCode, values]) => ({ uCode, uName: `Unit ${uCode}`, ...values }));
}

/** An evaluation input. */
export function evaluation(iMeta: IMetaRow[], iData: IDataRow[], options?: ScoreOptions): EvaluationInput {
  return options ? { iMeta, iData, options } : { iMeta, iData };
}

/** Indicators a, b, c (weights 1, 2, 1) under top T, all passthrough so normalised = raw. */
export function flatPassthrough(): IMetaRow[] {
  return [
    aggregate('T', 2, null),
    indicator('a', 'T', 1, { Method: 'passthrough' }),
    indicator('b', 'T', 2, { Method: 'passthrough' }),
    indicator('c', 'T', 1, { Method: 'passthrough' }),
  ];
}
