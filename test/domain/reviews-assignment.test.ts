import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAssignments, type PlanReviewer, type ReviewItem } from '../../src/domain/reviews/index.js';

// 25 districts (ids 1–25) × three qualitative indicators; reviewer 3 is tied to district 5 (광진구 in the demo).
const items: ReviewItem[] = Array.from({ length: 25 }, (_, d) => ['S6', 'S7', 'J12'].map((indicatorCode) => ({ orgUnitId: d + 1, indicatorCode }))).flat();
const reviewers: PlanReviewer[] = [1, 2, 3, 4, 5].map((id) => ({ id, tiedOrgUnitIds: id === 3 ? [5] : [] }));

const spread = (loads: Map<number, number>) => Math.max(...loads.values()) - Math.min(...loads.values());

describe('planning reviewer assignments', () => {
  it('balances three reviewers per item and never puts a reviewer on their own district', () => {
    const plan = planAssignments({ items, reviewers, existing: [], perItem: 3 });
    expect(plan.add).toHaveLength(75 * 3);
    expect(plan.shortfalls).toEqual([]);
    expect([...plan.loads.values()]).toEqual([45, 45, 45, 45, 45]);
    expect(plan.add.filter((a) => a.reviewerId === 3 && a.orgUnitId === 5)).toEqual([]);
    for (const it of items) {
      const on = plan.add.filter((a) => a.orgUnitId === it.orgUnitId && a.indicatorCode === it.indicatorCode).map((a) => a.reviewerId);
      expect(new Set(on).size).toBe(3);
    }
  });

  it('reports items with fewer eligible reviewers than wanted and gives them all there are', () => {
    const plan = planAssignments({ items, reviewers, existing: [], perItem: 5 });
    expect(plan.shortfalls).toEqual(['S6', 'S7', 'J12'].map((indicatorCode) => ({ orgUnitId: 5, indicatorCode, wanted: 5, assigned: 4 })));
    expect(plan.add).toHaveLength(75 * 5 - 3);
    expect(plan.loads.get(3)).toBe(72);
  });

  it('only tops up on a re-run, keeping what exists, and counts existing load', () => {
    const first = planAssignments({ items, reviewers, existing: [], perItem: 3 });
    const again = planAssignments({ items, reviewers, existing: first.add, perItem: 3 });
    expect(again.add).toEqual([]);
    const more = planAssignments({ items, reviewers, existing: first.add, perItem: 4 });
    // Every item gains one reviewer (광진구's items too: four are eligible there); 300 over 5 reviewers.
    expect(more.add).toHaveLength(75);
    expect([...more.loads.values()]).toEqual([60, 60, 60, 60, 60]);
    expect(more.add.some((a) => a.reviewerId === 3 && a.orgUnitId === 5)).toBe(false);
  });

  it('is deterministic and balances within one without conflicts', () => {
    const free = reviewers.map((r) => ({ ...r, tiedOrgUnitIds: [] }));
    const a = planAssignments({ items, reviewers: free, existing: [], perItem: 2 });
    const b = planAssignments({ items, reviewers: free, existing: [], perItem: 2 });
    expect(a.add).toEqual(b.add);
    expect(spread(a.loads)).toBe(0); // 150 assignments over 5 reviewers
  });

  it('reports existing assignments that break a tie added later', () => {
    const existing = [{ orgUnitId: 5, indicatorCode: 'S6', reviewerId: 3 }];
    expect(planAssignments({ items, reviewers, existing, perItem: 1 }).conflicting).toEqual(existing);
  });
});

describe('planning under random ties and existing assignments (property)', () => {
  it('never assigns a tied reviewer or a reviewer twice to an item, and fills each item as far as it can', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
        (units, indicators, ties, perItem, seeds) => {
          const its: ReviewItem[] = Array.from({ length: units }, (_, u) =>
            Array.from({ length: indicators }, (_, k) => ({ orgUnitId: u + 1, indicatorCode: `Q${k}` })),
          ).flat();
          const revs: PlanReviewer[] = ties.map((t, i) => ({ id: i + 1, tiedOrgUnitIds: t }));
          const existing = [
            ...new Map(
              seeds
                .map(([a, b]) => ({ ...its[a % its.length]!, reviewerId: revs[b % revs.length]!.id }))
                .filter((e) => !revs.find((r) => r.id === e.reviewerId)!.tiedOrgUnitIds.includes(e.orgUnitId))
                .map((e) => [`${e.reviewerId}/${e.orgUnitId}/${e.indicatorCode}`, e]),
            ).values(),
          ];
          const plan = planAssignments({ items: its, reviewers: revs, existing, perItem });
          const all = [...existing, ...plan.add];
          for (const a of plan.add) expect(revs.find((r) => r.id === a.reviewerId)!.tiedOrgUnitIds).not.toContain(a.orgUnitId);
          expect(new Set(all.map((a) => `${a.reviewerId}/${a.orgUnitId}/${a.indicatorCode}`)).size).toBe(all.length);
          for (const it of its) {
            const on = all.filter((a) => a.orgUnitId === it.orgUnitId && a.indicatorCode === it.indicatorCode).length;
            const eligible = revs.filter((r) => !r.tiedOrgUnitIds.includes(it.orgUnitId)).length;
            const had = existing.filter((a) => a.orgUnitId === it.orgUnitId && a.indicatorCode === it.indicatorCode).length;
            expect(on).toBe(Math.max(had, Math.min(perItem, eligible)));
            const short = plan.shortfalls.some((s) => s.orgUnitId === it.orgUnitId && s.indicatorCode === it.indicatorCode);
            expect(short).toBe(on < perItem);
          }
          for (const r of revs) expect(plan.loads.get(r.id)).toBe(all.filter((a) => a.reviewerId === r.id).length);
          if (existing.length === 0 && revs.every((r) => r.tiedOrgUnitIds.length === 0)) expect(spread(plan.loads)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200, seed: 20200 },
    );
  });
});
