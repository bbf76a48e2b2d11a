/** One thing to review: a district's qualitative indicator. */
export interface ReviewItem {
  orgUnitId: number;
  indicatorCode: string;
}

export interface PlanReviewer {
  id: number;
  /** Districts the reviewer is tied to: they never review these (conflict of interest). */
  tiedOrgUnitIds: readonly number[];
}

export interface PlannedAssignment extends ReviewItem {
  reviewerId: number;
}

export interface Shortfall extends ReviewItem {
  wanted: number;
  /** Reviewers the item has after the plan (existing + new). */
  assigned: number;
}

export interface AssignmentPlan<A extends PlannedAssignment = PlannedAssignment> {
  add: PlannedAssignment[];
  shortfalls: Shortfall[];
  /** Assignments per reviewer after the plan (existing + new), every reviewer present. */
  loads: Map<number, number>;
  /** Existing assignments that break a conflict of interest (a tie added after they were made). */
  conflicting: A[];
}

const key = (orgUnitId: number, indicatorCode: string) => `${orgUnitId}\u0000${indicatorCode}`;

/**
 * Repairs what the greedy pass cannot see ahead. While a reviewer carries two or more assignments more than
 * another, looks for a chain of moves of new assignments busiest → … → least busy in which each reviewer may take
 * the item handed to them (not tied to the district, not already on the item), found breadth-first, and applies
 * it: the ends change by one, everyone between keeps their load. Each chain lowers the sum of squared loads, so
 * the repair ends.
 */
function rebalance(
  add: PlannedAssignment[],
  reviewers: readonly PlanReviewer[],
  loads: Map<number, number>,
  mayTake: (item: ReviewItem, reviewerId: number) => boolean,
): void {
  const held = new Set(add.map((a) => `${a.reviewerId}\u0000${key(a.orgUnitId, a.indicatorCode)}`));
  const can = (a: PlannedAssignment, r: number) => mayTake(a, r) && !held.has(`${r}\u0000${key(a.orgUnitId, a.indicatorCode)}`);
  const chainFrom = (start: number, addsOf: Map<number, number[]>): Array<{ index: number; to: number }> | null => {
    const via = new Map<number, { from: number; index: number } | null>([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const r = queue.shift()!;
      if (loads.get(r)! <= loads.get(start)! - 2) {
        const path: Array<{ index: number; to: number }> = [];
        for (let at = r, step = via.get(at); step; at = step.from, step = via.get(at)) path.unshift({ index: step.index, to: at });
        return path;
      }
      for (const s of reviewers) {
        if (via.has(s.id)) continue;
        const index = addsOf.get(r)?.find((i) => can(add[i]!, s.id));
        if (index === undefined) continue;
        via.set(s.id, { from: r, index });
        queue.push(s.id);
      }
    }
    return null;
  };
  for (;;) {
    const busiest = [...reviewers].sort((a, b) => loads.get(b.id)! - loads.get(a.id)!);
    const addsOf = new Map<number, number[]>();
    add.forEach((a, i) => {
      const list = addsOf.get(a.reviewerId);
      if (list) list.push(i);
      else addsOf.set(a.reviewerId, [i]);
    });
    let chain: Array<{ index: number; to: number }> | null = null;
    for (const r of busiest) if ((chain = chainFrom(r.id, addsOf))) break;
    if (!chain) return;
    const first = add[chain[0]!.index]!.reviewerId;
    for (const { index, to } of chain) {
      const a = add[index]!;
      held.delete(`${a.reviewerId}\u0000${key(a.orgUnitId, a.indicatorCode)}`);
      held.add(`${to}\u0000${key(a.orgUnitId, a.indicatorCode)}`);
      add[index] = { ...a, reviewerId: to };
    }
    loads.set(first, loads.get(first)! - 1);
    const last = chain[chain.length - 1]!.to;
    loads.set(last, loads.get(last)! + 1);
  }
}

/**
 * Tops every item up to `perItem` reviewers, balancing load, never with a reviewer tied to the item's district.
 *
 * Greedy and deterministic: items with the fewest eligible reviewers go first (they have the least choice), then
 * in the given order; each takes the eligible reviewers with the lowest current load, ties broken by the order of
 * `reviewers`. Load counts every assignment of the cycle, existing ones included, so a re-run or a run for other
 * indicators keeps the total balanced. Existing assignments are kept as they are (scores are never lost); an item
 * with too few eligible reviewers gets all of them and is reported as a shortfall. A repair pass then moves new
 * assignments along chains of reviewers until the loads are within one of each other, wherever the ties and the
 * kept assignments allow it. O(items · reviewers · log reviewers) for the greedy pass; each repair step is a
 * breadth-first search over reviewers.
 *
 * @example
 * planAssignments({ items, reviewers: [{ id: 1, tiedOrgUnitIds: [] }, …], existing: [], perItem: 3 })
 */
export function planAssignments<A extends PlannedAssignment>(input: {
  items: readonly ReviewItem[];
  reviewers: readonly PlanReviewer[];
  existing: readonly A[];
  perItem: number;
}): AssignmentPlan<A> {
  const { items, reviewers, existing, perItem } = input;
  const loads = new Map<number, number>(reviewers.map((r) => [r.id, 0]));
  const onItem = new Map<string, Set<number>>();
  for (const a of existing) {
    loads.set(a.reviewerId, (loads.get(a.reviewerId) ?? 0) + 1);
    const k = key(a.orgUnitId, a.indicatorCode);
    onItem.set(k, (onItem.get(k) ?? new Set()).add(a.reviewerId));
  }
  const tied = new Map(reviewers.map((r) => [r.id, new Set(r.tiedOrgUnitIds)]));
  const rank = new Map(reviewers.map((r, i) => [r.id, i]));
  const eligible = (item: ReviewItem) =>
    reviewers.filter((r) => !tied.get(r.id)!.has(item.orgUnitId) && !onItem.get(key(item.orgUnitId, item.indicatorCode))?.has(r.id));

  const queue = items.map((item, order) => ({ item, order, choice: eligible(item).length })).sort((a, b) => a.choice - b.choice || a.order - b.order);

  const add: PlannedAssignment[] = [];
  const shortfalls: Shortfall[] = [];
  for (const { item } of queue) {
    const have = onItem.get(key(item.orgUnitId, item.indicatorCode))?.size ?? 0;
    const need = Math.max(0, perItem - have);
    const picks = eligible(item)
      .sort((a, b) => loads.get(a.id)! - loads.get(b.id)! || rank.get(a.id)! - rank.get(b.id)!)
      .slice(0, need);
    for (const r of picks) {
      add.push({ ...item, reviewerId: r.id });
      loads.set(r.id, loads.get(r.id)! + 1);
    }
    if (have + picks.length < perItem) shortfalls.push({ ...item, wanted: perItem, assigned: have + picks.length });
  }
  rebalance(add, reviewers, loads, (item, r) => !tied.get(r)!.has(item.orgUnitId) && !onItem.get(key(item.orgUnitId, item.indicatorCode))?.has(r));
  // Report in the caller's item order, whatever order the greedy pass used.
  const position = new Map(items.map((it, i) => [key(it.orgUnitId, it.indicatorCode), i]));
  shortfalls.sort((a, b) => position.get(key(a.orgUnitId, a.indicatorCode))! - position.get(key(b.orgUnitId, b.indicatorCode))!);

  const conflicting = existing.filter((a) => tied.get(a.reviewerId)?.has(a.orgUnitId));
  return { add, shortfalls, loads, conflicting };
}
