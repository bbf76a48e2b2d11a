/**
 * Canonical JSON, the one used for every hash in HopeJobs (engine input hash, scoring-run snapshot hash, framework
 * definition hash, audit chain): object keys sorted by code unit, no whitespace, numbers as `JSON.stringify` writes
 * them (shortest round-trip form, so `1.50` and `1.5` agree; `-0` as `0`), non-finite numbers as `null`, `undefined`
 * members dropped (`undefined` elsewhere as `null`), a `Date` as its ISO text, typed arrays as arrays. Equal data
 * gives byte-identical text whatever the key order or number spelling of the source, and plain JSON data gives what
 * `JSON.stringify` would with sorted keys. O(size); objects sharing a key set (table rows) sort their keys once.
 *
 * @example canonicalJson({ b: 1.50, a: [true, null] }) // '{"a":[true,null],"b":1.5}'
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const sortedKeys = new Map<string, { keys: string[]; quoted: string[] }>();
  // The previous object's own keys and their entry: table rows repeat one key list, which then needs no signature.
  let lastOwn: string[] = [];
  let lastEntry: { keys: string[]; quoted: string[] } | undefined;
  const write = (v: unknown): void => {
    if (v === null || v === undefined) out.push('null');
    else if (typeof v === 'number')
      out.push(Number.isFinite(v) ? String(v) : 'null'); // as JSON.stringify (-0 → "0")
    else if (typeof v === 'string') out.push(jsonString(v));
    else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else if (v instanceof Date) out.push(JSON.stringify(v.toISOString()));
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
      let entry = lastEntry !== undefined && sameKeys(own, lastOwn) ? lastEntry : undefined;
      if (!entry) {
        // The key list as JSON: unambiguous (no two key sets share a signature, whatever characters the keys hold).
        const signature = JSON.stringify(own);
        entry = sortedKeys.get(signature);
        if (!entry) {
          const keys = [...own].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          entry = { keys, quoted: keys.map((k) => JSON.stringify(k) + ':') };
          sortedKeys.set(signature, entry);
        }
        lastOwn = own;
        lastEntry = entry;
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

/** Whether two key lists are the same keys in the same order. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `JSON.stringify` of a string: the text in quotes when no character needs an escape (no `"`, `\`, control
 * character or surrogate), which is most codes and names and several times faster; otherwise `JSON.stringify` itself.
 *
 * @example jsonString('광진구') // '"광진구"'
 */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}
