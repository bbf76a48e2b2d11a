import fc from 'fast-check';

/**
 * How many generated cases each fuzz target runs (on PGlite; a PostgreSQL server run adds its own on top). The
 * targets live in several files that run in parallel, so the total is guaranteed here, by construction: every
 * file runs exactly its share and checks that it did. FUZZ_SCALE=10 runs ten times as many for a deep soak.
 *
 * Seeds: by default each target runs from its own fixed seed, so `npm test` is the same run on every machine and a
 * red CI is a real finding, never the luck of the draw. FUZZ_SEED=random explores new cases (fast-check prints the
 * seed of a failure); FUZZ_SEED=n replays one.
 */
export const FUZZ_BUDGET = {
  // the engine's readers and scorer (pure functions: cheap, so most of the cases)
  'engine csv bytes': 1500,
  'engine csv structured': 2000,
  'engine json': 2000,
  'engine scoring values': 1500,
  // the importers' parsing and validation, up to the rows they would write (no database: cheap)
  'csv pipeline bytes': 2000,
  'xlsx pipeline cells': 400,
  // whole imports into the database: committed whole or refused with nothing written
  'csv import bytes': 100,
  'csv import structured': 150,
  'xlsx import cells': 80,
  'xlsx import bytes': 200,
  'xlsx import damaged zip': 150,
  // the HTTP API: every write route's body, every path parameter, uploads' file names
  'api bodies': 800,
  'api params': 500,
  'upload file names': 60,
  // exports read back as a spreadsheet would
  'export formula injection': 60,
} as const;
export type FuzzTarget = keyof typeof FUZZ_BUDGET;

export const FUZZ_MINIMUM_TOTAL = 10_000;

const scale = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);
const seedSetting = process.env.FUZZ_SEED?.trim() ?? '';
const explore = seedSetting === 'random';
const replaySeed = seedSetting !== '' && !explore ? Number(seedSetting) : undefined;
if (replaySeed !== undefined && !Number.isInteger(replaySeed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${JSON.stringify(seedSetting)}`);

/** A fixed 32-bit seed per target and backend (FNV-1a of the name). */
function fixedSeed(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

export const plannedTotal = () => Object.values(FUZZ_BUDGET).reduce((a, b) => a + b, 0) * scale;

/**
 * Cases for one target on one backend. The budget is PGlite's; the PostgreSQL server, which runs the same
 * database-bound properties again, takes a quarter of it so the suite stays within minutes.
 */
export const runsFor = (target: FuzzTarget, backend: 'pglite' | 'postgres' = 'pglite') =>
  backend === 'postgres' ? Math.ceil((FUZZ_BUDGET[target] * scale) / 4) : FUZZ_BUDGET[target] * scale;

/** fast-check parameters for a target: its number of runs, a replayable seed, no shrinking beyond a few seconds. */
export function fuzzParams(target: FuzzTarget, backend: 'pglite' | 'postgres' = 'pglite'): fc.Parameters<unknown> {
  const seed = explore ? undefined : (replaySeed ?? fixedSeed(`${target}/${backend}`));
  return { numRuns: runsFor(target, backend), ...(seed !== undefined ? { seed } : {}) };
}

/** Counts the cases a property really ran, so a file can prove it ran its whole share. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();
  hit(target: string, n = 1) {
    this.counts.set(target, (this.counts.get(target) ?? 0) + n);
  }
  get(target: string) {
    return this.counts.get(target) ?? 0;
  }
  /** One line: `fuzz (pglite): csv import bytes 150, … — 400 here; planned total … (minimum 10000)`. */
  report(label: string): string {
    const parts = [...this.counts].map(([t, n]) => `${t} ${n}`);
    const here = [...this.counts.values()].reduce((a, b) => a + b, 0);
    const line = `fuzz (${label}): ${parts.join(', ')} — ${here} here; planned total over all targets ${plannedTotal()} (minimum ${FUZZ_MINIMUM_TOTAL})`;
    console.log(line);
    return line;
  }
}
