/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, synchronous and dependency-free so that the engine hashes its input the
 * same way in Node and in browsers (WebCrypto's digest is asynchronous). O(n), in signed 32-bit arithmetic.
 *
 * @example sha256Hex(new TextEncoder().encode('abc'))
 * // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Message schedule, reused by every call (the engine is synchronous, so calls never overlap). */
const W = new Int32Array(64);
/** The last one or two blocks: the message tail, the 0x80 byte and the bit length. */
const TAIL = new Uint8Array(128);

/**
 * Compresses the 64-byte blocks of `bytes` from `offset` while `offset + 64 <= end` into the state `h`. All
 * arithmetic in signed 32-bit integers (`| 0`), which V8 keeps in registers: the same bits as unsigned arithmetic.
 */
function compress(h: Int32Array, bytes: Uint8Array, offset: number, end: number): void {
  const w = W;
  let h0 = h[0]!;
  let h1 = h[1]!;
  let h2 = h[2]!;
  let h3 = h[3]!;
  let h4 = h[4]!;
  let h5 = h[5]!;
  let h6 = h[6]!;
  let h7 = h[7]!;
  for (let off = offset; off + 64 <= end; off += 64) {
    for (let t = 0, i = off; t < 16; t++, i += 4) w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (((w[t - 16]! + s0) | 0) + ((w[t - 7]! + s1) | 0)) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let hh = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (((((hh + S1) | 0) + ch) | 0) + ((K[t]! + w[t]!) | 0)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + hh) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
  h[5] = h5;
  h[6] = h6;
  h[7] = h7;
}

/** SHA-256 of bytes, as 64 lowercase hex digits. The message is read in place; only its tail is copied. */
export function sha256Hex(data: Uint8Array): string {
  const n = data.length;
  const h = Int32Array.of(0x6a09e667, 0xbb67ae85 | 0, 0x3c6ef372, 0xa54ff53a | 0, 0x510e527f, 0x9b05688c | 0, 0x1f83d9ab, 0x5be0cd19);
  const whole = n - (n % 64);
  compress(h, data, 0, whole);
  const rest = n - whole;
  const tailLength = rest + 9 <= 64 ? 64 : 128;
  TAIL.fill(0);
  TAIL.set(data.subarray(whole), 0);
  TAIL[rest] = 0x80;
  const bitsHigh = Math.floor(n / 0x20000000);
  const bitsLow = (n * 8) >>> 0;
  TAIL[tailLength - 8] = bitsHigh >>> 24;
  TAIL[tailLength - 7] = bitsHigh >>> 16;
  TAIL[tailLength - 6] = bitsHigh >>> 8;
  TAIL[tailLength - 5] = bitsHigh;
  TAIL[tailLength - 4] = bitsLow >>> 24;
  TAIL[tailLength - 3] = bitsLow >>> 16;
  TAIL[tailLength - 2] = bitsLow >>> 8;
  TAIL[tailLength - 1] = bitsLow;
  compress(h, TAIL, 0, tailLength);
  let hex = '';
  for (let i = 0; i < 8; i++) hex += (h[i]! >>> 0).toString(16).padStart(8, '0');
  return hex;
}

const ENCODER = new TextEncoder();

/** SHA-256 of a string's UTF-8 bytes, as hex, by {@link sha256Hex}: the same bits wherever the engine runs. */
export function sha256HexOfTextPortable(text: string): string {
  return sha256Hex(ENCODER.encode(text));
}

/** The part of `node:crypto` the engine may use: a synchronous SHA-256 of strings' UTF-8 bytes. */
interface NativeHash {
  update(data: string, encoding: 'utf8'): NativeHash;
  digest(encoding: 'hex'): string;
}
interface NativeCrypto {
  createHash(algorithm: 'sha256'): NativeHash;
}

/**
 * The runtime's own SHA-256 (OpenSSL's, with the CPU's SHA instructions where it has them: about ten times faster than
 * {@link sha256Hex} on an input of 60 KB), or null where there is none. Reached through `process.getBuiltinModule`
 * (Node ≥ 20.16) rather than an import, so the engine's module graph stays the same in browsers, where `process` is
 * absent and the portable code runs. Both encode lone surrogates as U+FFFD, so they hash the same bytes; the tests
 * compare them.
 */
function nativeSha256(): ((parts: readonly string[]) => string) | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule('node:crypto') as NativeCrypto | undefined) : undefined;
  if (typeof crypto?.createHash !== 'function') return null;
  return (parts) => {
    const hash = crypto.createHash('sha256');
    for (let i = 0; i < parts.length; i++) hash.update(parts[i]!, 'utf8');
    return hash.digest('hex');
  };
}

const native = nativeSha256();

/**
 * SHA-256 of the UTF-8 bytes of the concatenation of `parts`, as 64 lowercase hex digits: natively where the runtime
 * offers it (each part hashed in turn, never joined), else portably. A part must not end inside a surrogate pair.
 */
export const sha256HexOfParts: (parts: readonly string[]) => string = native ?? ((parts) => sha256HexOfTextPortable(parts.join('')));

/** SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits: natively where the runtime offers it, else portably. */
export const sha256HexOfText: (text: string) => string = native ? (text) => native([text]) : sha256HexOfTextPortable;
