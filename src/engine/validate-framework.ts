/**
 * Validation of iMeta into a {@link Framework}, collecting every problem at once: missing or duplicate codes,
 * unknown types, bad levels, negative or non-numeric weights, Direction other than ±1, unknown, non-aggregate or
 * cyclic parents, several top nodes, aggregates without children ("a leaf that is not an Indicator"), unknown
 * methods and missing method parameters.
 */
import { jsonString } from './canonical-json.js';
import { makeIssue, type EngineIssue } from './engine-error.js';
import type { AggregateSpec, Framework, IndicatorSpec, MethodParams } from './framework.js';
import { MethodNameSchema, type IMetaRow, type MethodName } from './input-schema.js';
import { parseNumberCell, parseNumberList, parseTextCell } from './parse-cell.js';
import type { TableSource } from './read-input.js';
import type { ResolvedOptions } from './resolve-options.js';
import { cellLocation } from './source-location.js';
import { josaPick } from './korean.js';

const TYPES = ['Indicator', 'Aggregate', 'Group', 'Denominator', 'Other'] as const;
type NodeType = (typeof TYPES)[number];
/** Types by their name in lower case (Type is matched without regard to case). */
const TYPE_BY_LOWER_CASE = new Map<string, NodeType>(TYPES.map((t) => [t.toLowerCase(), t]));

const NUMERIC_FIELDS = ['Level', 'Weight', 'Direction', 'Target', 'Cap', 'Floor', 'Lo', 'Hi', 'ScaleL', 'ScaleU', 'ZMean', 'ZSD', 'ScaleFactor'] as const;
type NumericField = (typeof NUMERIC_FIELDS)[number];
const TEXT_FIELDS = ['iCode', 'iName', 'Parent', 'Type', 'Method', 'Denominator', 'Unit'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const LIST_FIELDS = ['Bands', 'BandScores'] as const;
type ListField = (typeof LIST_FIELDS)[number];

/** One iMeta row with its cells read. */
interface MetaRowValues {
  readonly index: number;
  readonly text: Record<TextField, string | null>;
  readonly num: Record<NumericField, number | null>;
  readonly list: Record<ListField, number[] | null>;
  readonly type: NodeType | null;
}

/** Result of {@link validateFramework}. */
export interface FrameworkValidation {
  /** The framework; best-effort when `valid` is false (so that iData can still be checked against it). */
  readonly framework: Framework | null;
  readonly valid: boolean;
  /** Canonical JSON of the rows as the input hash sees them (present fields only), in input order. */
  readonly canonical: string;
}

function readRow(row: IMetaRow, index: number, table: TableSource, issues: EngineIssue[]): MetaRowValues {
  // Each field by name, into objects of one shape (literals): every row reads and is read the same fast way.
  const text: Record<TextField, string | null> = {
    iCode: parseTextCell(row.iCode),
    iName: parseTextCell(row.iName),
    Parent: parseTextCell(row.Parent),
    Type: parseTextCell(row.Type),
    Method: parseTextCell(row.Method),
    Denominator: parseTextCell(row.Denominator),
    Unit: parseTextCell(row.Unit),
  };
  const numberCell = (f: NumericField, raw: unknown): number | null => {
    const v = parseNumberCell(raw);
    if (v !== undefined) return v;
    issues.push(
      makeIssue('NOT_NUMERIC', 'error', `숫자가 아닙니다: "${String(raw)}"`, `not a number: "${String(raw)}"`, {
        ...cellLocation(table, index, f),
        ...(text.iCode ? { iCode: text.iCode } : {}),
      }),
    );
    return null;
  };
  const num: Record<NumericField, number | null> = {
    Level: numberCell('Level', row.Level),
    Weight: numberCell('Weight', row.Weight),
    Direction: numberCell('Direction', row.Direction),
    Target: numberCell('Target', row.Target),
    Cap: numberCell('Cap', row.Cap),
    Floor: numberCell('Floor', row.Floor),
    Lo: numberCell('Lo', row.Lo),
    Hi: numberCell('Hi', row.Hi),
    ScaleL: numberCell('ScaleL', row.ScaleL),
    ScaleU: numberCell('ScaleU', row.ScaleU),
    ZMean: numberCell('ZMean', row.ZMean),
    ZSD: numberCell('ZSD', row.ZSD),
    ScaleFactor: numberCell('ScaleFactor', row.ScaleFactor),
  };
  const listCell = (f: ListField, raw: unknown): number[] | null => {
    const v = parseNumberList(raw);
    if (v !== undefined) return v;
    issues.push(
      makeIssue(
        'NOT_NUMERIC',
        'error',
        `숫자 목록이 아닙니다 (예: "5;10;20"): "${String(raw)}"`,
        `not a list of numbers (e.g. "5;10;20"): "${String(raw)}"`,
        cellLocation(table, index, f),
      ),
    );
    return null;
  };
  const list: Record<ListField, number[] | null> = { Bands: listCell('Bands', row.Bands), BandScores: listCell('BandScores', row.BandScores) };
  let type: NodeType | null = null;
  if (text.Type !== null) {
    type = TYPE_BY_LOWER_CASE.get(text.Type.toLowerCase()) ?? null;
    if (type === null) {
      issues.push(
        makeIssue(
          'UNKNOWN_TYPE',
          'error',
          `알 수 없는 Type입니다: "${text.Type}" (Indicator, Aggregate, Group, Denominator, Other 중 하나)`,
          `unknown Type "${text.Type}" (one of Indicator, Aggregate, Group, Denominator, Other)`,
          cellLocation(table, index, 'Type'),
        ),
      );
    }
  }
  return { index, text, num, list, type };
}

/** Every field of a canonical iMeta row, in code-unit order (the order canonical JSON writes keys in). */
const CANONICAL_FIELDS = [
  ...TEXT_FIELDS.map((field) => ({ field, kind: 'text' as const })),
  ...NUMERIC_FIELDS.map((field) => ({ field, kind: 'number' as const })),
  ...LIST_FIELDS.map((field) => ({ field, kind: 'list' as const })),
]
  .sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0))
  .map((f) => ({ ...f, key: `${JSON.stringify(f.field)}:` }));

/**
 * Canonical JSON (`canonicalJson`) of an iMeta row as the input hash sees it, added to `parts`: its present fields (Type as the
 * matched type name), text as JSON strings, numbers as `String` writes them (they are finite), lists as arrays.
 */
function canonicalRowJson(r: MetaRowValues, parts: string[]): void {
  let first = true;
  for (let f = 0; f < CANONICAL_FIELDS.length; f++) {
    const { field, kind, key } = CANONICAL_FIELDS[f]!;
    let text: string;
    if (kind === 'number') {
      const v = r.num[field as NumericField];
      if (v === null) continue;
      text = String(v);
    } else if (kind === 'list') {
      const v = r.list[field as ListField];
      if (v === null) continue;
      text = `[${v.map(String).join(',')}]`;
    } else {
      const v = field === 'Type' ? r.type : r.text[field as TextField];
      if (v === null) continue;
      text = jsonString(v);
    }
    parts.push(first ? '{' : ',', key, text);
    first = false;
  }
  parts.push(first ? '{}' : '}');
}

function methodParams(r: MetaRowValues, method: MethodName, direction: 1 | -1, table: TableSource, issues: EngineIssue[]): MethodParams {
  const code = r.text.iCode ?? '';
  const at = (column: string) => ({ ...cellLocation(table, r.index, column), iCode: code });
  const bad = (column: string, ko: string, en: string) => issues.push(makeIssue('METHOD_PARAMETER', 'error', ko, en, at(column)));
  const { Target, Cap, Floor, Lo, Hi, ScaleL, ScaleU, ZMean, ZSD } = r.num;
  const { Bands, BandScores } = r.list;
  if (method === 'target' && (Target === null || Target <= 0)) {
    bad('Target', `target 방법에는 0보다 큰 Target 값이 필요합니다`, `method target needs a Target greater than 0`);
  }
  if (method === 'goalposts') {
    if (Lo === null || Hi === null) bad(Lo === null ? 'Lo' : 'Hi', 'goalposts 방법에는 Lo와 Hi가 필요합니다', 'method goalposts needs Lo and Hi');
    else if (!(Lo < Hi)) bad('Hi', `Lo(${Lo})는 Hi(${Hi})보다 작아야 합니다`, `Lo (${Lo}) must be less than Hi (${Hi})`);
  }
  if (method === 'yoy' || method === 'passthrough') {
    if ((Lo === null) !== (Hi === null)) bad(Lo === null ? 'Lo' : 'Hi', 'Lo와 Hi는 함께 지정해야 합니다', 'Lo and Hi must be given together');
    else if (Lo !== null && Hi !== null && !(Lo < Hi)) bad('Hi', `Lo(${Lo})는 Hi(${Hi})보다 작아야 합니다`, `Lo (${Lo}) must be less than Hi (${Hi})`);
  }
  if (method === 'bands') {
    if (Bands === null) bad('Bands', 'bands 방법에는 Bands 구간 경계값이 필요합니다 (예: "5;10;20")', 'method bands needs Bands thresholds (e.g. "5;10;20")');
    else {
      for (let k = 1; k < Bands.length; k++) {
        if (!(Bands[k]! > Bands[k - 1]!)) {
          bad('Bands', 'Bands 경계값은 오름차순이어야 합니다', 'Bands thresholds must be strictly increasing');
          break;
        }
      }
      if (BandScores !== null) {
        if (BandScores.length !== Bands.length + 1) {
          bad(
            'BandScores',
            `BandScores는 경계값 수 + 1 = ${Bands.length + 1}개여야 합니다 (현재 ${BandScores.length}개)`,
            `BandScores needs thresholds + 1 = ${Bands.length + 1} values (got ${BandScores.length})`,
          );
        } else {
          for (let k = 1; k < BandScores.length; k++) {
            const step = (BandScores[k]! - BandScores[k - 1]!) * direction;
            if (step < 0) {
              bad(
                'BandScores',
                direction === 1
                  ? 'Direction 1이면 BandScores는 감소하지 않아야 합니다 (낮은 구간부터)'
                  : 'Direction -1이면 BandScores는 증가하지 않아야 합니다 (낮은 구간부터)',
                direction === 1
                  ? 'with Direction 1, BandScores must not decrease (lowest band first)'
                  : 'with Direction -1, BandScores must not increase (lowest band first)',
              );
              break;
            }
          }
        }
      }
    }
  }
  const scaleL = ScaleL ?? 0;
  const scaleU = ScaleU ?? 100;
  if (method === 'minmax' && !(scaleL < scaleU)) {
    bad('ScaleU', `ScaleL(${scaleL})은 ScaleU(${scaleU})보다 작아야 합니다`, `ScaleL (${scaleL}) must be less than ScaleU (${scaleU})`);
  }
  if (ZSD !== null && !(ZSD > 0)) bad('ZSD', 'ZSD는 0보다 커야 합니다', 'ZSD must be greater than 0');
  if (Cap !== null && Floor !== null && !(Floor < Cap)) {
    bad('Cap', `Floor(${Floor})는 Cap(${Cap})보다 작아야 합니다`, `Floor (${Floor}) must be less than Cap (${Cap})`);
  }
  return {
    target: Target,
    cap: Cap ?? (method === 'target' ? 100 : null),
    floor: Floor,
    lo: Lo,
    hi: Hi,
    bands: Bands,
    bandScores: BandScores,
    scaleL,
    scaleU,
    zMean: ZMean ?? 0,
    zSd: ZSD ?? 1,
  };
}

/**
 * Validates iMeta rows into a {@link Framework}. Every problem is pushed to `issues`; `valid` is false when any
 * error was found (the framework is then only good enough to check iData against).
 */
export function validateFramework(rows: readonly IMetaRow[], table: TableSource, options: ResolvedOptions, issues: EngineIssue[]): FrameworkValidation {
  const before = issues.filter((i) => i.severity === 'error').length;
  const file = table.file;
  if (rows.length === 0) {
    issues.push(makeIssue('EMPTY_FILE', 'error', 'iMeta에 행이 없습니다', 'iMeta has no rows', { file }));
    return { framework: null, valid: false, canonical: '[]' };
  }
  const values = rows.map((r, i) => readRow(r, i, table, issues));
  const parts: string[] = ['['];
  values.forEach((r, i) => {
    if (i > 0) parts.push(',');
    canonicalRowJson(r, parts);
  });
  parts.push(']');
  const canonical = parts.join('');

  // Required columns: reported once, on the header.
  const headerRow = table.kind === 'csv' ? 1 : undefined;
  const required: (TextField | NumericField)[] = ['iCode', 'Type', 'Level', 'Weight', 'Direction'];
  const missingColumns = new Set<string>();
  for (const f of required) {
    const present = rows.some((r) => (r as Record<string, unknown>)[f] !== undefined);
    if (!present) {
      missingColumns.add(f);
      issues.push(
        makeIssue('MISSING_COLUMN', 'error', `iMeta에 ${f} 열이 없습니다`, `iMeta has no ${f} column`, {
          file,
          ...(headerRow !== undefined ? { row: headerRow } : {}),
          column: f,
        }),
      );
    }
  }

  // Codes: present and unique.
  const byCode = new Map<string, MetaRowValues>();
  for (const r of values) {
    const code = r.text.iCode;
    if (code === null) {
      issues.push(makeIssue('MISSING_CODE', 'error', 'iCode가 비어 있습니다', 'iCode is empty', cellLocation(table, r.index, 'iCode')));
      continue;
    }
    const first = byCode.get(code);
    if (first) {
      const firstRow = table.rows[first.index] ?? first.index + 1;
      issues.push(
        makeIssue(
          'DUPLICATE_CODE',
          'error',
          `iCode "${code}"${josaPick(code, '이/가')} 중복됩니다 (처음: ${firstRow}행)`,
          `duplicate iCode "${code}" (first at row ${firstRow})`,
          {
            ...cellLocation(table, r.index, 'iCode'),
            iCode: code,
          },
        ),
      );
      continue;
    }
    byCode.set(code, r);
    if (r.type === null && !missingColumns.has('Type')) {
      if (r.text.Type === null) {
        issues.push(
          makeIssue('UNKNOWN_TYPE', 'error', 'Type이 비어 있습니다', 'Type is empty', {
            ...cellLocation(table, r.index, 'Type'),
            iCode: code,
          }),
        );
      }
    }
  }

  // Nodes of the hierarchy.
  const nodes = [...byCode.values()].filter((r) => r.type === 'Indicator' || r.type === 'Aggregate');
  const at = (r: MetaRowValues, column: string) => ({ ...cellLocation(table, r.index, column), iCode: r.text.iCode! });
  for (const r of nodes) {
    const level = r.num.Level;
    if (!missingColumns.has('Level')) {
      if (r.type === 'Indicator' && level !== 1) {
        issues.push(
          makeIssue(
            'INVALID_LEVEL',
            'error',
            `Indicator의 Level은 1이어야 합니다 (현재 ${String(level)})`,
            `an Indicator must have Level 1 (got ${String(level)})`,
            at(r, 'Level'),
          ),
        );
      } else if (r.type === 'Aggregate' && (level === null || !Number.isInteger(level) || level < 2)) {
        issues.push(
          makeIssue(
            'INVALID_LEVEL',
            'error',
            `Aggregate의 Level은 2 이상의 정수여야 합니다 (현재 ${String(level)})`,
            `an Aggregate must have an integer Level of 2 or more (got ${String(level)})`,
            at(r, 'Level'),
          ),
        );
      }
    }
    if (r.type === 'Indicator' && !missingColumns.has('Direction')) {
      const d = r.num.Direction;
      if (d !== 1 && d !== -1) {
        issues.push(
          makeIssue(
            'INVALID_DIRECTION',
            'error',
            `Direction은 1 또는 -1이어야 합니다 (현재 ${String(d)})`,
            `Direction must be 1 or -1 (got ${String(d)})`,
            at(r, 'Direction'),
          ),
        );
      }
    } else if (r.type === 'Aggregate' && r.num.Direction !== null && r.num.Direction !== 1 && r.num.Direction !== -1) {
      issues.push(
        makeIssue(
          'INVALID_DIRECTION',
          'error',
          `Direction은 1 또는 -1이어야 합니다 (현재 ${r.num.Direction})`,
          `Direction must be 1 or -1 (got ${r.num.Direction})`,
          at(r, 'Direction'),
        ),
      );
    }
    const w = r.num.Weight;
    if (w !== null && w < 0) {
      issues.push(makeIssue('INVALID_WEIGHT', 'error', `가중치는 음수일 수 없습니다 (현재 ${w})`, `Weight must not be negative (got ${w})`, at(r, 'Weight')));
    }
  }

  // Parents.
  const roots: MetaRowValues[] = [];
  for (const r of nodes) {
    const p = r.text.Parent;
    if (p === null) {
      if (r.type === 'Indicator') {
        issues.push(makeIssue('UNKNOWN_PARENT', 'error', 'Indicator에 Parent가 없습니다', 'an Indicator has no Parent', at(r, 'Parent')));
      } else roots.push(r);
      continue;
    }
    const parent = byCode.get(p);
    if (!parent) {
      issues.push(
        makeIssue('UNKNOWN_PARENT', 'error', `Parent "${p}"${josaPick(p, '이/가')} iMeta에 없습니다`, `Parent "${p}" is not in iMeta`, at(r, 'Parent')),
      );
    } else if (parent.type !== 'Aggregate') {
      issues.push(
        makeIssue(
          'PARENT_NOT_AGGREGATE',
          'error',
          `Parent "${p}"${josaPick(p, '은/는')} Aggregate가 아닙니다 (Type: ${parent.type ?? '?'})`,
          `Parent "${p}" is not an Aggregate (Type: ${parent.type ?? '?'})`,
          at(r, 'Parent'),
        ),
      );
    } else if (p === r.text.iCode) {
      issues.push(makeIssue('CYCLE', 'error', `"${p}"${josaPick(p, '이/가')} 자기 자신을 Parent로 가집니다`, `"${p}" is its own Parent`, at(r, 'Parent')));
    } else if (parent.num.Level !== null && r.num.Level !== null && !(parent.num.Level > r.num.Level)) {
      issues.push(
        makeIssue(
          'PARENT_LEVEL',
          'error',
          `Parent "${p}"의 Level(${parent.num.Level})이 자식의 Level(${r.num.Level})보다 커야 합니다`,
          `Parent "${p}" must have a higher Level (${parent.num.Level}) than its child (${r.num.Level})`,
          at(r, 'Parent'),
        ),
      );
    }
    if (r.num.Weight === null && !missingColumns.has('Weight')) {
      issues.push(makeIssue('INVALID_WEIGHT', 'error', 'Weight가 비어 있습니다', 'Weight is empty', at(r, 'Weight')));
    }
  }

  // Cycles: follow parent links; each cycle reported once, on its first row in iMeta order.
  const state = new Map<string, 'visiting' | 'done'>();
  for (const r of nodes) {
    const path: string[] = [];
    let code: string | null = r.text.iCode;
    while (code !== null && state.get(code) === undefined) {
      state.set(code, 'visiting');
      path.push(code);
      const node = byCode.get(code);
      const next: string | null = node?.text.Parent ?? null;
      const nextNode = next !== null ? byCode.get(next) : undefined;
      code = nextNode && nextNode.type === 'Aggregate' && next !== code ? next : null;
    }
    if (code !== null && state.get(code) === 'visiting') {
      const start = path.indexOf(code);
      const cycle = [...path.slice(start), code];
      const firstInMeta = cycle.map((c) => byCode.get(c)!).reduce((a, b) => (b.index < a.index ? b : a));
      issues.push(
        makeIssue(
          'CYCLE',
          'error',
          `Parent 관계에 순환이 있습니다: ${cycle.join(' → ')}`,
          `cyclic Parent chain: ${cycle.join(' → ')}`,
          at(firstInMeta, 'Parent'),
        ),
      );
    }
    for (const c of path) state.set(c, 'done');
  }

  if (roots.length > 1) {
    for (const r of roots.slice(1)) {
      issues.push(
        makeIssue(
          'MULTIPLE_TOP',
          'error',
          `Parent가 없는 Aggregate가 여럿입니다 (${roots.map((x) => x.text.iCode).join(', ')}); 최상위는 하나여야 합니다`,
          `several Aggregates have no Parent (${roots.map((x) => x.text.iCode).join(', ')}); there must be one top node`,
          at(r, 'Parent'),
        ),
      );
    }
  } else if (roots.length === 0 && nodes.length > 0) {
    issues.push(
      makeIssue('NO_TOP', 'error', '최상위 노드(Parent가 빈 Aggregate)가 없습니다', 'there is no top node (an Aggregate with an empty Parent)', { file }),
    );
  }
  if (!nodes.some((r) => r.type === 'Indicator')) {
    issues.push(makeIssue('NO_TOP', 'error', 'iMeta에 Indicator가 없습니다', 'iMeta has no Indicator', { file }));
  }

  // Children, and aggregates without children.
  const children = new Map<string, string[]>();
  for (const r of nodes) {
    const p = r.text.Parent;
    if (p !== null && byCode.get(p)?.type === 'Aggregate') {
      const list = children.get(p) ?? [];
      list.push(r.text.iCode!);
      children.set(p, list);
    }
  }
  for (const r of nodes) {
    if (r.type === 'Aggregate' && !children.has(r.text.iCode!)) {
      issues.push(
        makeIssue(
          'LEAF_NOT_INDICATOR',
          'error',
          `Aggregate "${r.text.iCode}"에 자식이 없습니다: 말단 노드는 Indicator여야 합니다`,
          `Aggregate "${r.text.iCode}" has no children: every leaf must be an Indicator`,
          at(r, 'iCode'),
        ),
      );
    }
  }

  // Methods.
  const indicators: IndicatorSpec[] = [];
  for (const r of nodes) {
    if (r.type !== 'Indicator') continue;
    let method: MethodName = options.normalise ?? options.defaultNormalise;
    if (options.normalise === null && r.text.Method !== null) {
      const m = MethodNameSchema.safeParse(r.text.Method.toLowerCase());
      if (m.success) method = m.data;
      else {
        issues.push(
          makeIssue(
            'UNKNOWN_METHOD',
            'error',
            `알 수 없는 Method입니다: "${r.text.Method}" (${MethodNameSchema.options.join(', ')})`,
            `unknown Method "${r.text.Method}" (one of ${MethodNameSchema.options.join(', ')})`,
            at(r, 'Method'),
          ),
        );
      }
    }
    const direction: 1 | -1 = r.num.Direction === -1 ? -1 : 1;
    const params = methodParams(r, method, direction, table, issues);
    if (r.num.ScaleFactor !== null && !(r.num.ScaleFactor > 0)) {
      issues.push(makeIssue('METHOD_PARAMETER', 'error', 'ScaleFactor는 0보다 커야 합니다', 'ScaleFactor must be greater than 0', at(r, 'ScaleFactor')));
    }
    indicators.push({
      code: r.text.iCode!,
      name: r.text.iName ?? r.text.iCode!,
      unit: r.text.Unit,
      parent: r.text.Parent ?? '',
      weight: r.num.Weight ?? 0,
      direction,
      method,
      params,
      denominator: r.text.Denominator,
      scaleFactor: r.num.ScaleFactor ?? 1,
      metaIndex: r.index,
    });
  }

  const errorsNow = issues.filter((i) => i.severity === 'error').length;
  const valid = errorsNow === before && roots.length === 1;

  const aggregates: AggregateSpec[] = nodes
    .filter((r) => r.type === 'Aggregate')
    .map((r) => ({
      code: r.text.iCode!,
      name: r.text.iName ?? r.text.iCode!,
      level: r.num.Level ?? NaN,
      parent: r.text.Parent,
      weight: r.text.Parent === null ? NaN : (r.num.Weight ?? 0),
      children: children.get(r.text.iCode!) ?? [],
      metaIndex: r.index,
    }));
  const ofType = (t: NodeType) => [...byCode.values()].filter((r) => r.type === t).map((r) => r.text.iCode!);
  return {
    framework: {
      indicators,
      aggregates,
      top: roots[0]?.text.iCode ?? '',
      groups: ofType('Group'),
      denominators: ofType('Denominator'),
      others: ofType('Other'),
    },
    valid,
    canonical,
  };
}
