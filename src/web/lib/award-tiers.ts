import type { AwardTier } from '../types/index.js';
import { localized } from './localized.js';

export interface TierDisplay {
  label: string;
  /** Position in the cycle's tier list, 0 = highest. */
  level: number;
}

/** How an award tier code of a cycle is shown; null when the unit won no award or the code is unknown. */
export function tierDisplay(tiers: Pick<AwardTier, 'code' | 'name'>[], code: string | null, language: string): TierDisplay | null {
  if (code === null) return null;
  const level = tiers.findIndex((tier) => tier.code === code);
  const tier = tiers[level];
  return tier === undefined ? { label: code, level: tiers.length } : { label: localized(tier.name, language), level };
}
