/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, numbers in their shortest round-trip form
 * (`String(x)`, so `1.50` and `1.5` agree), `-0` as `0`, non-finite numbers as `null`, `undefined` members dropped.
 * Equal data gives byte-identical text, whatever the key order or number spelling of the source.
 *
 * @example canonicalJson({ b: 1.50, a: [true, null] }) // '{"a":[true,null],"b":1.5}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? (value === 0 ? '0' : String(value)) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return 'null';
}
