import type { IndicatorGuidance } from '../definition.js';
import { guidance2019 } from './guidance-2019.js';

/** 평가 편람 of 2018: the 2019 texts without the company-visit indicator (J1, new in 2019). */
export const guidance2018: Record<string, IndicatorGuidance> = Object.fromEntries(Object.entries(guidance2019).filter(([code]) => code !== 'J1'));
