import type { IndicatorGuidance } from '../definition.js';
import { guidance2018 } from './guidance-2018.js';

/** 평가 편람 of 2017: its indicators are 2018's (only the award scheme differs). */
export const guidance2017: Record<string, IndicatorGuidance> = { ...guidance2018 };
