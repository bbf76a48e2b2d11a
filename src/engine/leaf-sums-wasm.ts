/**
 * The leaf sums of Monte Carlo runs (`RunAggregator`) as a small WebAssembly function with 128-bit SIMD: the same
 * multiply-adds as the JavaScript loop, two units per instruction. WebAssembly's `f64x2.mul` and `f64x2.add` are
 * IEEE-754 double operations rounded to nearest, lane by lane, and nothing is fused or reordered, so every sum is
 * the same bits as `s += w * v` in JavaScript. The module is written here instruction by instruction (no build
 * step); where WebAssembly or its SIMD is not available, `leafSumsKernel` returns null and the JavaScript loop runs.
 *
 * The function `f(cells, weights, starts, nLeaves, nGroups, groupBytes, sums, rowBytes)` (byte addresses in the
 * module's memory `m`): for each group g of eight units and each leaf-only aggregate j, the eight sums
 * `Σ_e weights[e] · cells[g][e][0 … 7]` over e from `starts[j]` to `starts[j + 1]` (i32), edges in order, written
 * to `sums + j · rowBytes + g · 64`. `cells` holds per group `groupBytes` = edges × 64 bytes, as `RunAggregator`'s
 * interleaved table.
 */

const I32 = 0x7f;
const V128 = 0x7b;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128, as `i32.const` takes its operand (64 is 0xc0 0x00: a lone 0x40 would read as −64). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32 = (n: number) => [0x41, ...sleb(n)];
const add = [0x6a];
const mul = [0x6c];
const shl = [0x74];
const geS = [0x4e];
const i32Load = (offset: number) => [0x28, 2, ...leb(offset)];
const f64Load = [0x2b, 3, 0];
const simd = (op: number) => [0xfd, ...leb(op)];
const v128Load = (offset: number) => [...simd(0x00), 3, ...leb(offset)];
const v128Store = (offset: number) => [...simd(0x0b), 3, ...leb(offset)];
const v128Zero = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const splat = simd(0x14);
const fAdd = simd(0xf0);
const fMul = simd(0xf2);
const block = [0x02, 0x40];
const loop = [0x03, 0x40];
const end = [0x0b];
const brIf = (depth: number) => [0x0d, depth];
const br = (depth: number) => [0x0c, depth];

// Parameters 0–7, then locals.
const [CELLS, WEIGHTS, STARTS, N_LEAVES, N_GROUPS, GROUP_BYTES, SUMS, ROW_BYTES] = [0, 1, 2, 3, 4, 5, 6, 7];
const [G, J, E, END, P, BASE] = [8, 9, 10, 11, 12, 13];
const [A0, A1, A2, A3, W] = [14, 15, 16, 17, 18];
const OUT = 19;

function body(): number[] {
  const lanes = [A0, A1, A2, A3];
  const code = [
    ...block,
    ...loop,
    ...get(G),
    ...get(N_GROUPS),
    ...geS,
    ...brIf(1),
    ...get(CELLS),
    ...get(G),
    ...get(GROUP_BYTES),
    ...mul,
    ...add,
    ...set(BASE),
    ...i32(0),
    ...set(J),
    ...block,
    ...loop,
    ...get(J),
    ...get(N_LEAVES),
    ...geS,
    ...brIf(1),
    ...get(STARTS),
    ...get(J),
    ...i32(2),
    ...shl,
    ...add,
    ...tee(P),
    ...i32Load(0),
    ...set(E),
    ...get(P),
    ...i32Load(4),
    ...set(END),
    ...get(BASE),
    ...get(E),
    ...i32(6),
    ...shl,
    ...add,
    ...set(P),
    ...lanes.flatMap((a) => [...v128Zero, ...set(a)]),
    ...block,
    ...loop,
    ...get(E),
    ...get(END),
    ...geS,
    ...brIf(1),
    ...get(WEIGHTS),
    ...get(E),
    ...i32(3),
    ...shl,
    ...add,
    ...f64Load,
    ...splat,
    ...set(W),
    // a_k = a_k + w · cells[p + 16k]: the product rounded, then the sum, as JavaScript's `s += w * v`.
    ...lanes.flatMap((a, k) => [...get(a), ...get(W), ...get(P), ...v128Load(16 * k), ...fMul, ...fAdd, ...set(a)]),
    ...get(P),
    ...i32(64),
    ...add,
    ...set(P),
    ...get(E),
    ...i32(1),
    ...add,
    ...set(E),
    ...br(0),
    ...end,
    ...end,
    ...get(SUMS),
    ...get(J),
    ...get(ROW_BYTES),
    ...mul,
    ...add,
    ...get(G),
    ...i32(6),
    ...shl,
    ...add,
    ...set(OUT),
    ...lanes.flatMap((a, k) => [...get(OUT), ...get(a), ...v128Store(16 * k)]),
    ...get(J),
    ...i32(1),
    ...add,
    ...set(J),
    ...br(0),
    ...end,
    ...end,
    ...get(G),
    ...i32(1),
    ...add,
    ...set(G),
    ...br(0),
    ...end,
    ...end,
    ...end,
  ];
  const locals = [3, 6, I32, 5, V128, 1, I32];
  return [...leb(locals.length + code.length), ...locals, ...code];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 8, ...new Array<number>(8).fill(I32), 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name('m'), 2, 0, ...name('f'), 0, 0]),
    ...section(10, [1, ...body()]),
  ]);
}

/** The kernel's function and memory. */
export interface LeafSumsKernel {
  readonly memory: WebAssembly.Memory;
  readonly sums: (cells: number, weights: number, starts: number, nLeaves: number, nGroups: number, groupBytes: number, sums: number, rowBytes: number) => void;
}

let compiled: WebAssembly.Module | null | undefined;

/** A new instance of the kernel (its own memory), or null where WebAssembly SIMD is not available. */
export function leafSumsKernel(): LeafSumsKernel | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      const bytes = moduleBytes();
      if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  if (compiled === null) return null;
  const instance = new WebAssembly.Instance(compiled, {});
  const { m, f } = instance.exports as { m: WebAssembly.Memory; f: LeafSumsKernel['sums'] };
  return { memory: m, sums: f };
}
