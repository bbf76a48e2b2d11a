/**
 * Stage gates that count everything: every district × indicator of the cycle's framework is an item, whether a
 * district has started it (a submission row) or not; every district × qualitative indicator is a review item.
 * A gate names the items that block the next step (bounded list + total), so the dashboard, the refusal and
 * the audit entry of an override all say exactly what was passed over.
 */
import type { CycleRow } from '../db/repositories/cycles.js';
import { gateDistricts, reviewAssignmentRows, submissionStatusRows } from '../db/repositories/gate-items.js';
import type { DbOrTx } from '../db/tx.js';
import type { Message } from './errors.js';
import type { FrameworkDefinition } from './frameworks/definition.js';
import { getFramework } from './frameworks/service.js';

/** Status of one item: `not_started` when the district has no submission row for it yet. */
export const itemStatuses = ['not_started', 'draft', 'returned', 'submitted', 'approved', 'verified'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Status of one review item (district × qualitative indicator), from its reviewers' assignments. */
export const reviewItemStatuses = ['unassigned', 'assigned', 'draft', 'submitted'] as const;
export type ReviewItemStatus = (typeof reviewItemStatuses)[number];

/** At most this many blocking items are listed (the total is always given). */
export const BLOCKING_LIST_LIMIT = 50;

export interface GateItem {
  district: { code: string; name: string };
  indicator: { code: string; name: Message };
  status: ItemStatus | ReviewItemStatus;
}

/** The items in the way: the first {@link BLOCKING_LIST_LIMIT} (district, then framework order) and how many in all. */
export interface BlockingList {
  total: number;
  items: GateItem[];
  truncated: boolean;
}

export interface Inventory {
  /** District × indicator items of the framework with their status. */
  items: GateItem[];
  /** District × qualitative indicator items, their review status and whether a verified district value backs them. */
  reviewItems: Array<GateItem & { hasVerifiedValue: boolean }>;
}

export interface GateCounts {
  /** All district × indicator items by status (never-started items included). */
  submissions: { total: number; byStatus: Record<ItemStatus, number> };
  /** All district × qualitative indicator items by review status. */
  reviews: { total: number; byStatus: Record<ReviewItemStatus, number> };
}

async function frameworkOf(db: DbOrTx, year: number): Promise<FrameworkDefinition | null> {
  try {
    return (await getFramework(db, year)).definition;
  } catch {
    return null;
  }
}

/** Every item of the cycle with its status, in district then framework order. */
export async function gateInventory(db: DbOrTx, cycle: CycleRow): Promise<Inventory> {
  const fw = await frameworkOf(db, cycle.year);
  if (!fw) return { items: [], reviewItems: [] };
  const districts = await gateDistricts(db);
  const subs = await submissionStatusRows(db, cycle.id);
  const assignments = await reviewAssignmentRows(db, cycle.id);
  const sub = new Map(subs.map((s) => [`${s.orgUnitId}:${s.indicatorCode}`, s]));
  const reviews = new Map<string, string[]>();
  for (const a of assignments) {
    const k = `${a.orgUnitId}:${a.indicatorCode}`;
    reviews.set(k, [...(reviews.get(k) ?? []), a.status]);
  }
  const items: GateItem[] = [];
  const reviewItems: Inventory['reviewItems'] = [];
  for (const d of districts) {
    for (const ind of fw.indicators) {
      const k = `${d.id}:${ind.code}`;
      const row = sub.get(k);
      const base = { district: { code: d.code, name: d.name }, indicator: { code: ind.code, name: ind.name } };
      items.push({ ...base, status: row ? row.status : 'not_started' });
      if (ind.kind === 'qualitative') {
        const st = reviews.get(k) ?? [];
        const status: ReviewItemStatus =
          st.length === 0 ? 'unassigned' : st.every((x) => x === 'submitted') ? 'submitted' : st.includes('draft') ? 'draft' : 'assigned';
        reviewItems.push({ ...base, status, hasVerifiedValue: row?.status === 'verified' && row.value !== null });
      }
    }
  }
  return { items, reviewItems };
}

export function gateCounts(inv: Inventory): GateCounts {
  const byStatus = Object.fromEntries(itemStatuses.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const i of inv.items) byStatus[i.status as ItemStatus] += 1;
  const reviewBy = Object.fromEntries(reviewItemStatuses.map((s) => [s, 0])) as Record<ReviewItemStatus, number>;
  for (const i of inv.reviewItems) reviewBy[i.status as ReviewItemStatus] += 1;
  return { submissions: { total: inv.items.length, byStatus }, reviews: { total: inv.reviewItems.length, byStatus: reviewBy } };
}

export function blockingList(items: readonly GateItem[]): BlockingList {
  return {
    total: items.length,
    items: items.slice(0, BLOCKING_LIST_LIMIT).map((i) => ({ district: i.district, indicator: i.indicator, status: i.status })),
    truncated: items.length > BLOCKING_LIST_LIMIT,
  };
}

/** Items not yet through the district's own steps (not started, draft, returned, or submitted but not approved). */
export function notReadyForVerification(inv: Inventory): GateItem[] {
  return inv.items.filter((i) => i.status !== 'approved' && i.status !== 'verified');
}

/** Items the city has not verified (they would not be scored). */
export function unverified(inv: Inventory): GateItem[] {
  return inv.items.filter((i) => i.status !== 'verified');
}

/**
 * Review items without a panel score: assignments not submitted (while the round is open), or no reviewer at all
 * and no verified district value to fall back on.
 */
export function unscoredReviews(inv: Inventory, roundClosed: boolean): GateItem[] {
  return inv.reviewItems.filter((i) => (i.status === 'unassigned' ? !i.hasVerifiedValue : i.status !== 'submitted' && !roundClosed));
}

const n = (x: number, locale: 'ko-KR' | 'en-US') => x.toLocaleString(locale);

/** "전체 500개 항목 중 2개만 검증됨" — how complete the data are, for trial runs and overridden runs. */
export function completenessMessage(verified: number, total: number, kind: 'trial' | 'provisional' | 'final'): Message {
  if (total > 0 && verified === total) {
    return { ko: `전체 ${n(total, 'ko-KR')}개 항목이 모두 검증되었습니다.`, en: `All ${n(total, 'en-US')} items are verified.` };
  }
  if (kind === 'trial') {
    return {
      ko: `전체 ${n(total, 'ko-KR')}개 항목 중 ${n(verified, 'ko-KR')}개만 검증됨 — 시험 실행 결과는 참고용입니다`,
      en: `Only ${n(verified, 'en-US')} of ${n(total, 'en-US')} items are verified — the trial run is for reference only`,
    };
  }
  return {
    ko: `전체 ${n(total, 'ko-KR')}개 항목 중 ${n(verified, 'ko-KR')}개만 검증된 상태에서 예외로 실행했습니다 — 검증되지 않은 ${n(total - verified, 'ko-KR')}개 항목은 점수에 반영되지 않았습니다`,
    en: `Run by override with only ${n(verified, 'en-US')} of ${n(total, 'en-US')} items verified — the ${n(total - verified, 'en-US')} unverified item(s) are not scored`,
  };
}
