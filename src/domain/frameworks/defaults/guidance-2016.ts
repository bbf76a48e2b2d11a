import type { IndicatorGuidance } from '../definition.js';
import { guidance2019 } from './guidance-2019.js';

/**
 * 평가 편람 of 2016: the ten indicators it shares with 2019 (same formulas, other fields and points) carry the 2019
 * texts; the labour-rights field (노동권익) holds J8 alone.
 */
const codes2016 = ['J2', 'J3', 'J4', 'J5', 'J7', 'J12', 'S1', 'S2', 'S7', 'J8'] as const;

export const guidance2016: Record<string, IndicatorGuidance> = Object.fromEntries(
  codes2016.map((code) => {
    const g = guidance2019[code];
    if (!g) throw new Error(`no 2019 guidance for ${code}`);
    return [code, g];
  }),
);
