/**
 * CP949 (Unified Hangul Code, the Korean Windows code page) decoder that is correct in Node as well as in browsers.
 *
 * Browsers decode CP949 fully through `TextDecoder('euc-kr')`, but Node's ICU converter only knows the KS X 1001 part
 * (EUC-KR proper) and garbles the 8,822 extension syllables such as "똠". This decoder takes the KS X 1001 part from
 * `TextDecoder('euc-kr')` (built once, lazily) and computes the extension part from its definition: the Hangul
 * syllables U+AC00–U+D7A3 that KS X 1001 lacks, in Unicode order, at lead bytes 0x81–0xC6 with trail bytes
 * 0x41–0x5A, 0x61–0x7A, 0x81–0xFE (only up to 0xA0 for leads from 0xA1, whose higher trails are KS X 1001).
 */

const REPLACEMENT = 0xfffd;
let ksTable: Uint16Array | null = null;
let extTable: Uint16Array | null = null;

function buildTables(): void {
  // Every KS X 1001 pair (lead, trail in 0xA1–0xFE), each followed by a newline so one decode keeps them apart.
  const bytes = new Uint8Array(94 * 94 * 3);
  let k = 0;
  for (let lead = 0xa1; lead <= 0xfe; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      bytes[k++] = lead;
      bytes[k++] = trail;
      bytes[k++] = 0x0a;
    }
  }
  const pieces = new TextDecoder('euc-kr').decode(bytes).split('\n');
  const ks = new Uint16Array(94 * 94);
  const present = new Uint8Array(11172);
  for (let i = 0; i < 94 * 94; i++) {
    const p = pieces[i] ?? '';
    const c = p.length === 1 ? p.charCodeAt(0) : REPLACEMENT;
    ks[i] = c;
    if (c >= 0xac00 && c <= 0xd7a3) present[c - 0xac00] = 1;
  }
  const ext = new Uint16Array(8822);
  let e = 0;
  for (let s = 0; s < 11172 && e < ext.length; s++) if (present[s] === 0) ext[e++] = 0xac00 + s;
  ksTable = ks;
  extTable = ext;
}

function trailIndex(t: number): number {
  if (t >= 0x41 && t <= 0x5a) return t - 0x41;
  if (t >= 0x61 && t <= 0x7a) return t - 0x61 + 26;
  if (t >= 0x81 && t <= 0xfe) return t - 0x81 + 52;
  return -1;
}

/**
 * Decodes CP949 bytes; invalid or unassigned sequences become U+FFFD. O(n), plus a one-off table build (~10 ms).
 *
 * @example decodeCp949(new Uint8Array([0x8c, 0x63])) // '똠'
 */
export function decodeCp949(bytes: Uint8Array): string {
  if (ksTable === null) buildTables();
  const ks = ksTable!;
  const ext = extTable!;
  const out: number[] = [];
  let text = '';
  const flush = () => {
    text += String.fromCharCode(...out);
    out.length = 0;
  };
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out.push(b);
      i++;
    } else if (b >= 0x81 && b <= 0xfe && i + 1 < bytes.length) {
      const t = bytes[i + 1]!;
      let c = REPLACEMENT;
      if (b >= 0xa1 && t >= 0xa1 && t <= 0xfe) c = ks[(b - 0xa1) * 94 + (t - 0xa1)]!;
      else {
        const ti = trailIndex(t);
        if (ti >= 0) {
          const idx = b < 0xa1 ? (b - 0x81) * 178 + ti : ti < 84 ? 32 * 178 + (b - 0xa1) * 84 + ti : -1;
          if (idx >= 0 && idx < ext.length) c = ext[idx]!;
        }
      }
      out.push(c);
      // A trail byte outside the valid ranges is not consumed (WHATWG: ASCII trail bytes are re-read).
      i += c === REPLACEMENT && t < 0x80 ? 1 : 2;
    } else {
      out.push(REPLACEMENT);
      i++;
    }
    if (out.length >= 8192) flush();
  }
  flush();
  return text;
}
