import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sensitivityParallel } from '../../src/engine/node.js';
import { compile, sensitivity, sensitivityBody } from '../../src/engine/index.js';
import { type AwardConfigInput } from '../../src/engine/awards.js';
import { type SensitivityOptions } from '../../src/engine/sensitivity-options.js';
import { aggregate, evaluation, indicator } from './engine-fixtures.js';

/** 40 units × 12 indicators in 3 fields, values from a fixed formula (no randomness needed). */
function mediumInput() {
  const meta = [aggregate('T', 3, null), aggregate('F0', 2, 'T', 1), aggregate('F1', 2, 'T', 2), aggregate('F2', 2, 'T', 1)];
  for (let i = 0; i < 12; i++) meta.push(indicator(`i${i}`, `F${i % 3}`, 1 + (i % 4), { Direction: i % 5 === 0 ? -1 : 1 }));
  const data = Array.from({ length: 40 }, (_, u) => {
    const row: Record<string, string | number | null> = { uCode: `U${String(u).padStart(2, '0')}`, uName: `Unit ${u}` };
    for (let i = 0; i < 12; i++) row[`i${i}`] = (u * 7 + i * 13) % 11 === 0 ? null : ((u * 37 + i * 17) % 101) + u / 3;
    return row;
  });
  return evaluation(meta, data);
}

const awards: AwardConfigInput = {
  tiers: [
    { code: 'best', name: { ko: '최우수', en: 'Best' }, rule: { kind: 'topN', n: 3 } },
    { code: 'share', name: { ko: '우수', en: 'Excellent' }, rule: { kind: 'topShare', share: 0.2 } },
  ],
};

describe('sensitivity on worker threads', () => {
  const input = mediumInput();
  const options: SensitivityOptions = {
    runs: 700, // three blocks of 256, 256 and 188 runs: split 1 + 2 across two workers
    seed: 20240607,
    noise: 0.3,
    normalisations: ['nominal', 'rank', 'zscore'],
    aggregations: ['nominal', 'gmean'],
    awards: { config: awards },
    keepSamples: true,
  };

  it('gives the same result with 1, 2 or 3 workers as in one thread', async () => {
    const single = sensitivity(input, options);
    const body = JSON.stringify(sensitivityBody(single));
    for (const workers of [1, 2, 3]) {
      const seen: number[] = [];
      const parallel = await sensitivityParallel(input, { ...options, workers, onProgress: (f) => seen.push(f) });
      expect(JSON.stringify(sensitivityBody(parallel))).toBe(body);
      expect(parallel.samples!.ranks).toEqual(single.samples!.ranks);
      expect(parallel.samples!.scores).toEqual(single.samples!.scores);
      expect(seen.at(-1)).toBe(1);
      expect(seen.length).toBeLessThanOrEqual(101);
    }
  }, 120_000);

  it('accepts a compiled model and checks options before starting workers', async () => {
    const model = compile(input);
    const a = await sensitivityParallel(model, { runs: 600, seed: 1, workers: 2 });
    expect(JSON.stringify(sensitivityBody(a))).toBe(JSON.stringify(sensitivityBody(sensitivity(model, { runs: 600, seed: 1 }))));
    await expect(sensitivityParallel(input, { runs: 0, seed: 1, workers: 2 })).rejects.toThrow(/runs must be a whole number/);
  }, 120_000);
});

describe('the browser entry', () => {
  it('never reaches a Node built-in such as worker_threads', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/engine');
    const seen = new Set<string>();
    const builtins: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const m of source.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
        const spec = m[1]!;
        if (spec.startsWith('node:')) builtins.push(`${file}: ${spec}`);
        // Relative to the importing file (the engine has folders, e.g. analysis/).
        else if (spec.startsWith('.')) visit(path.join(path.dirname(file), spec).replace(/\.js$/, '.ts'));
      }
    };
    visit('index.ts');
    expect(seen.has('sensitivity.ts')).toBe(true);
    expect(seen.has('sensitivity-parallel.ts')).toBe(false);
    expect(builtins).toEqual([]);
  });
});
