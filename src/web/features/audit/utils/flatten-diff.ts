export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  /** Where the value sits, e.g. `after.status` → `status`, `period.0`. Empty for a plain (non-object) value. */
  path: string;
  kind: DiffKind;
  before: unknown;
  after: unknown;
}

const absent = Symbol('absent');

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** Leaves of a JSON value by dotted path; empty objects and arrays are leaves of their own. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isContainer(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix === '' ? key : `${prefix}.${key}`, out);
  } else {
    out.set(prefix, value);
  }
}

/**
 * Compares an audit entry's `before` and `after` leaf by leaf, so that a reader sees "status: open → verification"
 * instead of two JSON blobs. Paths keep the order they first appear in (before, then after).
 */
export function flattenDiff(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, '', a);
  if (after !== null && after !== undefined) flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const x = a.has(path) ? a.get(path) : absent;
    const y = b.has(path) ? b.get(path) : absent;
    const kind: DiffKind = x === absent ? 'added' : y === absent ? 'removed' : JSON.stringify(x) === JSON.stringify(y) ? 'same' : 'changed';
    return { path, kind, before: x === absent ? undefined : x, after: y === absent ? undefined : y };
  });
}

/** A leaf value as text: strings as they are, everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
