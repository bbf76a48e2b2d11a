// Shapes of the HTTP API as the server publishes them (/api/v1). One place, so that a change in the contract is a
// change here and the compiler points at every screen it touches.
import type { LocalizedText } from '../lib/localized.js';

export interface PublicCycle {
  year: number;
  title: string;
  status: 'published';
  publishedAt: string | null;
  demo: boolean;
}

export interface PublicCyclesResponse {
  cycles: PublicCycle[];
}

export interface ResultField {
  code: string;
  name: LocalizedText;
  points: number;
}

export interface AwardTier {
  code: string;
  name: LocalizedText;
}

export interface ResultUnit {
  code: string;
  name: string;
  score: number;
  rank: number;
  awardTier: string | null;
  fieldScores: Record<string, number>;
  previousRank: number | null;
  streak: number | null;
}

export interface CycleResults {
  year: number;
  title: string;
  demo: boolean;
  publishedAt: string | null;
  topCode: string;
  fields: ResultField[];
  tiers: AwardTier[];
  units: ResultUnit[];
}

export interface ScorecardIndicator {
  code: string;
  name: LocalizedText;
  /** Code of the field the indicator belongs to (see {@link CycleResults.fields}). */
  field: string;
  points: number;
  earned: number | null;
  rawValue: number | null;
  unit: string | null;
  /** 0–100. */
  normalised: number | null;
  /** City median of the normalised value, 0–100. */
  median: number | null;
}

export interface ScorecardTrendPoint {
  year: number;
  score: number;
  rank: number;
  awardTier: string | null;
}

export interface Scorecard {
  year: number;
  demo: boolean;
  district: { code: string; name: string };
  score: number;
  rank: number;
  awardTier: string | null;
  bonus: number;
  penalty: number;
  indicators: ScorecardIndicator[];
  explanation: { ko: string[]; en: string[] };
  trend: ScorecardTrendPoint[];
}

export type Role = 'city_admin' | 'district_officer' | 'district_approver' | 'reviewer' | 'auditor';

export interface RoleGrant {
  role: Role;
  orgUnitCode: string | null;
}

export interface User {
  id: string | number;
  username: string;
  displayName: string;
  roles: RoleGrant[];
}

export interface MeResponse {
  user: User;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  user: User;
  csrfToken: string;
}
