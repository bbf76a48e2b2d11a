import type { Db } from '../../db/client.js';
import { insertRecordRows, recordTypeIdsByCode, type NewActivityRecordRow } from '../../db/repositories/activities.js';
import { insertAdjustments, type NewAdjustmentRow } from '../../db/repositories/adjustments.js';
import { findCycleByYear } from '../../db/repositories/cycles.js';
import { districtsInOrder } from '../../db/repositories/org-units.js';
import { findRun, publicationCount, upsertPublication } from '../../db/repositories/scoring-runs.js';
import { insertSubmissionRows, type NewSubmissionRow } from '../../db/repositories/submissions.js';
import { builtinRecordTypeCodes } from '../activities/builtin-types.js';
import { seedRecordTypes } from '../activities/record-types.js';
import { appendAudit, systemActor } from '../audit.js';
import { systemPrincipal } from '../authz.js';
import { defaultDataPeriod } from '../cycles.js';
import { compileFormulaOrThrow, evaluateFormula, type FormulaContext, type FormulaRecord } from '../formula/index.js';
import { getFramework } from '../frameworks/service.js';
import { clearPublicCache } from '../publication/index.js';
import { seoulDistricts } from '../reference/seoul.js';
import { runScoring } from '../scoring/runs.js';
import { decideTie, requireTiesDecided, undecidedTies } from '../scoring/ties.js';
import { demoPopulation, DEMO_OPEN_YEAR, DEMO_YEARS } from '../seed.js';
import { importAwardHistory } from '../award-history/index.js';
import { demoDirectValues, demoStrength, generateDistrictYear, type DemoRecord } from './activity-generator.js';
import { demoAwardHistoryCsv } from './award-history.js';
import { rng } from './random.js';

const FIRST_DATA_YEAR = 2015; // 2016's growth indicators look one year back
/** The open 2020 cycle has records up to here: half-way through its collection period. */
const OPEN_CYCLE_UNTIL = '2020-02-29';

type ByType = Record<string, FormulaRecord[]>;

/** Every built-in type is present (an empty list counts 0), as loadRecordsForPeriod gives it for real data. */
function groupByType(records: readonly DemoRecord[]): ByType {
  const out: ByType = Object.fromEntries(builtinRecordTypeCodes.map((c) => [c, [] as FormulaRecord[]]));
  for (const r of records) (out[r.type] ??= []).push(r);
  return out;
}

export interface DemoDataSummary {
  records: number;
  submissions: number;
  runs: number[];
  ms: number;
}

/**
 * Loads the synthetic demo ("데모 데이터"): the award history 2012–2015 (an illustrative reconstruction of the public
 * record, see award-history.ts), activity records 2015–2020 for all 25 districts, indicator values
 * computed from them by each year's formulas (direct-entry and panel values generated), verified submissions,
 * a few bonus/penalty entries, and final scoring runs published for 2016–2019 — through the same domain code a
 * real cycle uses. Skipped when demo results are already published.
 */
export async function loadDemoData(db: Db): Promise<DemoDataSummary | null> {
  const t0 = performance.now();
  if ((await publicationCount(db)) > 0) return null;
  await seedRecordTypes(db);
  // The years before the first computed one (2012–2015), through the same import a city uses: streaks count them.
  await importAwardHistory(db, systemPrincipal, { bytes: demoAwardHistoryCsv(), fileName: 'demo-award-history.csv', source: 'demo' });

  const units = await districtsInOrder(db);
  const typeIds = await recordTypeIdsByCode(db);
  const pop2019 = new Map(seoulDistricts.map((d) => [d.code, d.population2019]));

  // 1. Records for every district and data period.
  const records = new Map<string, ByType>(); // `${code}:${year}`
  const rows: NewActivityRecordRow[] = [];
  for (let year = FIRST_DATA_YEAR; year <= DEMO_OPEN_YEAR; year++) {
    for (const u of units) {
      const generated = generateDistrictYear({
        code: u.code,
        name: u.name,
        year,
        population: demoPopulation(u.code, pop2019.get(u.code) ?? 300_000, year),
        strength: demoStrength(u.code, year),
        period: defaultDataPeriod(year),
        ...(year === DEMO_OPEN_YEAR ? { until: OPEN_CYCLE_UNTIL } : {}),
      });
      records.set(`${u.code}:${year}`, groupByType(generated));
      for (const r of generated) {
        rows.push({ orgUnitId: u.id, recordTypeId: typeIds.get(r.type)!, occurredOn: r.occurredOn, data: r.data });
      }
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) await insertRecordRows(tx, rows.slice(i, i + 1000));
    await appendAudit(tx, systemActor, { action: 'demo.records_loaded', entityType: 'activity_record', after: { records: rows.length } });
  });

  // 2. Indicator values → verified submissions, adjustments, then final scoring and publication, year by year.
  let submissionCount = 0;
  const runs: number[] = [];
  for (const year of DEMO_YEARS) {
    const cycle = (await findCycleByYear(db, year))!;
    const fw = (await getFramework(db, year)).definition;
    const compiled = new Map(fw.indicators.filter((i) => i.formula).map((i) => [i.code, compileFormulaOrThrow(i.formula!)]));
    const period = defaultDataPeriod(year);
    const prevPeriod = defaultDataPeriod(year - 1);
    const subRows: NewSubmissionRow[] = [];
    for (const u of units) {
      const context = (y: number, p: { start: string; end: string }): FormulaContext => ({
        records: records.get(`${u.code}:${y}`) ?? {},
        population: demoPopulation(u.code, pop2019.get(u.code) ?? 300_000, y),
        period: p,
        previous: () => (records.has(`${u.code}:${y - 1}`) ? context(y - 1, defaultDataPeriod(y - 1)) : null),
      });
      const direct = demoDirectValues(u.code, year, demoStrength(u.code, year));
      for (const ind of fw.indicators) {
        const formula = compiled.get(ind.code);
        let value: number | null;
        let computation: unknown = null;
        if (formula) {
          const ctx = { ...context(year, period), previous: () => context(year - 1, prevPeriod) };
          const res = evaluateFormula(formula, ctx);
          value = res.value === null ? null : Math.round(res.value * 1e6) / 1e6;
          computation = { formula: formula.text, records: res.records.reduce((s, r) => s + r.ids.length, 0) };
        } else {
          value = direct[ind.code] ?? null;
        }
        subRows.push({
          cycleId: cycle.id,
          orgUnitId: u.id,
          indicatorCode: ind.code,
          value,
          valueSource: formula ? 'computed' : 'entered',
          computedValue: formula ? value : null,
          computation,
          status: 'verified',
          submittedAt: new Date(`${year}-09-10T01:00:00Z`),
          approvedAt: new Date(`${year}-09-12T01:00:00Z`),
          verifiedAt: new Date(`${year}-09-25T01:00:00Z`),
        });
      }
    }
    const r = rng('adjustments', year);
    const adj: NewAdjustmentRow[] = [];
    for (let k = 0; k < 3; k++) {
      const u = units[r.int(0, units.length - 1)]!;
      const bonus = k < 2;
      adj.push({
        cycleId: cycle.id,
        orgUnitId: u.id,
        ruleCode: bonus ? (k === 0 ? 'B_POLICY' : 'B_MEDIA') : 'P_LATE',
        points: bonus ? (k === 0 ? 1.5 : 1) : -1,
        reason: bonus ? (k === 0 ? '시 일자리 정책 협력 사업 참여 (데모)' : '우수 사례 언론 보도 (데모)') : '실적 자료 제출 기한 경과 (데모)',
      });
    }
    await db.transaction(async (tx) => {
      for (let i = 0; i < subRows.length; i += 500) await insertSubmissionRows(tx, subRows.slice(i, i + 500));
      await insertAdjustments(tx, adj);
    });
    submissionCount += subRows.length;
    const run = await runScoring(db, systemPrincipal, year, 'final', { note: '데모 데이터 최종 결과' });
    // Published results never carry an undecided tie: the demo decides any tie beyond a tier's places openly.
    for (let guard = 0; guard < 10; guard++) {
      const open = undecidedTies((await findRun(db, run.id))!);
      if (open.length === 0) break;
      await decideTie(db, systemPrincipal, run.id, {
        tier: open[0]!.tier,
        ...(open[0]!.group ? { group: open[0]!.group } : {}),
        decision: 'award_all',
        reason: '데모 데이터: 동점인 구는 모두 수상',
      });
    }
    requireTiesDecided((await findRun(db, run.id))!, { ko: '데모 결과를 공표할 수 없습니다', en: 'Cannot publish the demo result' });
    await db.transaction(async (tx) => {
      await upsertPublication(tx, { cycleId: cycle.id, runId: run.id, pressRelease: null, publishedBy: null });
      await appendAudit(tx, systemActor, { action: 'cycle.published', entityType: 'cycle', entityId: year, after: { runId: run.id, demo: true } });
    });
    runs.push(run.id);
  }
  clearPublicCache();
  return { records: rows.length, submissions: submissionCount, runs, ms: performance.now() - t0 };
}
