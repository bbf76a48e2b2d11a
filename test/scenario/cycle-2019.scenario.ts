import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbKind } from '../../src/db/client.js';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { login, type Principal } from '../../src/domain/auth.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { transitionCycle } from '../../src/domain/cycles.js';
import { demoDirectValues, demoStrength } from '../../src/domain/demo/activity-generator.js';
import { LocalEvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import { getFramework } from '../../src/domain/frameworks/service.js';
import { decideObjection, fileObjection } from '../../src/domain/objections/index.js';
import { clearPublicCache, publishedCycle, resultsView } from '../../src/domain/publication/index.js';
import { assignReviewers, listMyAssignments, reviewResults, signPledge, submitScores } from '../../src/domain/reviews/index.js';
import { evaluateSnapshot, snapshotSchema } from '../../src/domain/scoring/evaluate.js';
import { getRun, reproduceRun, runScoring } from '../../src/domain/scoring/runs.js';
import { seoulDistricts } from '../../src/domain/reference/seoul.js';
import {
  approveSubmission,
  attachSubmissionEvidence,
  listSubmissions,
  saveSubmission,
  submitAll,
  submitSubmission,
} from '../../src/domain/submissions/index.js';
import { bulkVerify, returnSubmission, verificationMatrix } from '../../src/domain/verification/index.js';
import { repoRoot } from '../helpers/cli.js';
import { DEMO_TEST_PASSWORD, describeOnBackend, type TestDatabase } from '../helpers/db.js';

const PASSWORD = DEMO_TEST_PASSWORD;
const YEAR = 2019;
const pdf = (name: string) => Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

/**
 * The whole 2019 cycle for 25 districts, through the domain services every HTTP route uses: collection, a return
 * and resubmission, verification, a blind panel of 5 reviewers with one conflict of interest, provisional scoring,
 * an accepted objection that changes a rank, final scoring and publication — and the published figures equal a
 * re-run of the stored run.
 */
export function cycle2019On(name: DbKind): void {
  describeOnBackend(name, 'the 2019 cycle end to end', (backend) => {
    let db: TestDatabase;
    let dir: string;
    const who = new Map<string, Principal>();
    const as = (u: string) => who.get(u)!;
    const cycleVersion = async () => (await findCycleByYear(db.db, YEAR))!.version;
    const move = async (to: Parameters<typeof transitionCycle>[3]['to'], extra: { override?: boolean; reason?: string } = {}) =>
      transitionCycle(db.db, as('admin'), YEAR, { to, version: await cycleVersion(), ...extra });

    beforeAll(async () => {
      db = await backend.openDemo(PASSWORD, { data: true });
      dir = mkdtempSync(path.join(repoRoot, '.tmp', 'scenario-'));
      // Re-open 2019 from scratch: keep its activity records and the published 2016–2018 results (for streaks).
      const c = (await findCycleByYear(db.db, YEAR))!;
      await db.raw.exec(`
      DELETE FROM publications WHERE cycle_id = ${c.id};
      DELETE FROM scoring_runs WHERE cycle_id = ${c.id};
      DELETE FROM submissions WHERE cycle_id = ${c.id};
      DELETE FROM adjustments WHERE cycle_id = ${c.id};
      UPDATE cycles SET status = 'draft', published_at = NULL, version = version + 1 WHERE id = ${c.id};`);
      clearPublicCache();
      const users = [
        'admin',
        'auditor',
        ...[1, 2, 3, 4, 5].map((i) => `reviewer.${i}`),
        ...seoulDistricts.flatMap((d) => [`officer.${d.code}`, `approver.${d.code}`]),
      ];
      for (const u of users) who.set(u, (await login(db.db, { username: u, password: PASSWORD, ip: null, userAgent: null })).principal);
    }, 300_000);
    afterAll(async () => {
      await db?.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs collection → verification → review → scoring → objections → final → publication', async () => {
      const store = new LocalEvidenceStore(path.join(dir, 'evidence'));
      const fw = (await getFramework(db.db, YEAR)).definition;
      await move('open');

      // Collection: every district saves its values (formula indicators are computed from its records), attaches
      // evidence, submits; the district approver approves.
      for (const d of seoulDistricts) {
        const officer = as(`officer.${d.code}`);
        const { evidence } = await storeEvidence(
          db.db,
          store,
          { fileName: `${d.name}-증빙.pdf`, content: pdf(d.code), orgUnitCode: d.code, actor: { userId: officer.user.id, label: officer.user.username } },
          { maxBytes: 1 << 20 },
        );
        const direct = demoDirectValues(d.code, YEAR, demoStrength(d.code, YEAR));
        for (const ind of fw.indicators) {
          const input = ind.kind === 'qualitative' || ind.formula ? {} : { value: direct[ind.code] ?? null };
          const saved = await saveSubmission(db.db, officer, YEAR, d.code, ind.code, { version: 0, ...input });
          await attachSubmissionEvidence(db.db, officer, YEAR, d.code, ind.code, { evidenceId: evidence.id, version: saved.version });
        }
        const result = await submitAll(db.db, officer, YEAR, d.code);
        expect(result.blocked, d.code).toEqual([]);
        expect(result.submitted).toHaveLength(fw.indicators.length);
        for (const item of (await listSubmissions(db.db, officer, YEAR, d.code)).items) {
          await approveSubmission(db.db, as(`approver.${d.code}`), YEAR, d.code, item.indicator.code, { version: item.version });
        }
      }

      // Verification: one item returned with a reason, corrected and resubmitted; then everything verified at once.
      await move('verification');
      const cells = async () => {
        const m = await verificationMatrix(db.db, as('admin'), YEAR);
        return m.districts.flatMap((d) => d.cells.map((c, k) => ({ district: d.code, indicator: m.indicators[k]!.code, cell: c! })));
      };
      const returned = (await cells()).find((c) => c.district === '11110' && c.indicator === 'J2')!.cell;
      await returnSubmission(db.db, as('admin'), YEAR, { id: returned.id!, version: returned.version, reason: '증빙의 달성률과 입력 값이 다릅니다' });
      const officer = as('officer.11110');
      let item = (await listSubmissions(db.db, officer, YEAR, '11110')).items.find((i) => i.indicator.code === 'J2')!;
      expect(item.status).toBe('returned');
      item = await saveSubmission(db.db, officer, YEAR, '11110', 'J2', { version: item.version, value: 91.5, comment: '증빙에 맞게 정정' });
      await submitSubmission(db.db, officer, YEAR, '11110', 'J2', { version: item.version });
      const again = (await listSubmissions(db.db, officer, YEAR, '11110')).items.find((i) => i.indicator.code === 'J2')!;
      await approveSubmission(db.db, as('approver.11110'), YEAR, '11110', 'J2', { version: again.version });
      const approved = (await cells()).map((c) => c.cell).filter((c) => c.status === 'approved');
      expect(approved).toHaveLength(25 * fw.indicators.length);
      await bulkVerify(db.db, as('admin'), YEAR, { items: approved.map((i) => ({ id: i.id!, version: i.version })) });

      // Panel review: 5 reviewers, reviewer.3 (tied to 광진구) never scores 광진구.
      await move('review');
      const assigned = await assignReviewers(db.db, as('admin'), YEAR, { reviewersPerItem: 5 });
      expect(assigned.shortfalls.every((s) => s.orgUnitCode === '11215' && s.assigned === 4)).toBe(true);
      for (let r = 1; r <= 5; r++) {
        const reviewer = as(`reviewer.${r}`);
        await signPledge(db.db, reviewer, YEAR, { agree: true, signedName: reviewer.user.displayName });
        const mine = await listMyAssignments(db.db, reviewer, YEAR);
        if (r === 3) expect(mine.assignments.some((a) => a.orgUnit.code === '11215')).toBe(false);
        for (const a of mine.assignments) {
          const level = Math.max(1, Math.min(5, Math.round(3 + demoStrength(a.orgUnit.code, YEAR) + (r - 3) * 0.3)));
          const scores = Object.fromEntries(a.rubric!.criteria.map((c) => [c.code, level]));
          await submitScores(db.db, reviewer, YEAR, a.id, { version: a.version, scores });
        }
      }
      await move('scoring');
      const panel = await reviewResults(db.db, as('admin'), YEAR);
      expect(panel.items.length).toBe(25 * fw.indicators.filter((i) => i.kind === 'qualitative').length);

      // Provisional results and objections.
      const provisional = await runScoring(db.db, as('admin'), YEAR, 'provisional');
      await move('provisional');
      await move('objections');
      const ranked = provisional.outcome.units;
      // A district close behind the one above it, with room to gain on J2 (target 100, 6 points).
      const candidate = ranked.find(
        (u, k) => k > 0 && u.rank! > ranked[k - 1]!.rank! && (u.points.J2 ?? 0) < 6 && ranked[k - 1]!.score! - u.score! < 6 - (u.points.J2 ?? 0) - 0.01,
      )!;
      expect(candidate).toBeDefined();
      const filed = await fileObjection(db.db, as(`officer.${candidate.code}`), YEAR, {
        district: candidate.code,
        indicator: 'J2',
        reason: '목표 달성률 산정 오류',
        requestedValue: 100,
      });
      const rejectedOne = await fileObjection(db.db, as('officer.11680'), YEAR, {
        district: '11680',
        indicator: 'J10',
        reason: '집행률 재검토 요청',
        requestedValue: 99,
      });
      await decideObjection(db.db, as('admin'), filed.id, { decision: 'accept', version: filed.version, correctedValue: 100, reason: '증빙 확인 결과 정정' });
      await decideObjection(db.db, as('admin'), rejectedOne.id, { decision: 'reject', version: rejectedOne.version, reason: '증빙이 제출 값과 일치함' });
      await move('final');
      const final = await runScoring(db.db, as('admin'), YEAR, 'final');
      const before = ranked.find((u) => u.code === candidate.code)!;
      const after = final.outcome.units.find((u) => u.code === candidate.code)!;
      expect(after.rank!).toBeLessThan(before.rank!);
      expect(final.outcome.units.find((u) => u.code === '11680')!.raw.J10).toBe(provisional.outcome.units.find((u) => u.code === '11680')!.raw.J10);

      // Publication: the public results are the final run's, and they equal a re-run of the stored snapshot.
      await move('published');
      clearPublicCache();
      const published = await publishedCycle(db.db, YEAR);
      expect(published.runId).toBe(final.id);
      const view = resultsView(published);
      expect(view.units).toHaveLength(25);
      const stored = await getRun(db.db, as('admin'), final.id);
      const rerun = evaluateSnapshot(snapshotSchema.parse(stored.input));
      for (const u of view.units) {
        const r = rerun.units.find((x) => x.code === u.code)!;
        expect(u.score).toBe(r.score);
        expect(u.rank).toBe(r.rank);
        expect(u.awardTier).toBe(r.awardTier);
      }
      expect((await reproduceRun(db.db, as('admin'), final.id)).identical).toBe(true);
      const gwangjin = view.units.find((u) => u.code === '11215')!;
      expect(gwangjin.streak).toBe(4);
      expect((await verifyAuditChain(db.db)).ok).toBe(true);
    }, 1_500_000);
  });
}
