/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, numbers in their shortest round-trip form
 * (`String(x)`, so `1.50` and `1.5` agree), `-0` as `0`, non-finite numbers as `null`, `undefined` members dropped.
 * Equal data gives byte-identical text, whatever the key order or number spelling of the source. O(size); objects
 * sharing a key set (table rows) sort their keys once.
 *
 * @example canonicalJson({ b: 1.50, a: [true, null] }) // '{"a":[true,null],"b":1.5}'
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const sortedKeys = new Map<string, { keys: string[]; quoted: string[] }>();
  const write = (v: unknown): void => {
    if (v === null || v === undefined) out.push('null');
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? (v === 0 ? '0' : String(v)) : 'null');
    else if (typeof v === 'string' || typeof v === 'boolean') out.push(JSON.stringify(v));
    else if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
      const arr = v as ArrayLike<unknown>;
      out.push('[');
      for (let i = 0; i < arr.length; i++) {
        if (i > 0) out.push(',');
        write(arr[i]);
      }
      out.push(']');
    } else if (typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      const own = Object.keys(obj);
      const signature = own.join('\u0000');
      let entry = sortedKeys.get(signature);
      if (!entry) {
        const keys = [...own].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        entry = { keys, quoted: keys.map((k) => JSON.stringify(k) + ':') };
        sortedKeys.set(signature, entry);
      }
      out.push('{');
      let first = true;
      for (let i = 0; i < entry.keys.length; i++) {
        const member = obj[entry.keys[i]!];
        if (member === undefined) continue;
        if (!first) out.push(',');
        first = false;
        out.push(entry.quoted[i]!);
        write(member);
      }
      out.push('}');
    } else out.push('null');
  };
  write(value);
  return out.join('');
}
