import type { Db } from '../db/client.js';
import { upsertCycle } from '../db/repositories/cycles.js';
import { setPopulation, upsertOrgUnit } from '../db/repositories/org-units.js';
import { deleteSessionsOfUser } from '../db/repositories/sessions.js';
import { grantRole, upsertUser } from '../db/repositories/users.js';
import type { Role } from '../db/repositories/users.js';
import { appendAudit, systemActor } from './audit.js';
import { defaultDataPeriod } from './cycles.js';
import { ensureFramework } from './frameworks/service.js';
import { hashPassword, randomPassword } from './passwords.js';
import { seoulCity, seoulDistricts } from './reference/seoul.js';
import { forgetAttemptsOfName } from './sign-in-protection.js';

export const DEMO_YEARS = [2016, 2017, 2018, 2019] as const;
export const DEMO_OPEN_YEAR = 2020;
const POPULATION_YEARS = [2015, 2016, 2017, 2018, 2019, 2020] as const;

/** A deterministic yearly growth rate in [−1.2 %, +0.8 %] per district, so demo populations drift believably. */
function growthRate(code: string): number {
  let h = 2166136261;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return -0.012 + ((h % 1000) / 1000) * 0.02;
}

export function demoPopulation(code: string, population2019: number, year: number): number {
  return Math.round(population2019 * (1 + growthRate(code)) ** (year - 2019));
}

/** The city and its 25 districts with yearly populations. Idempotent. */
export async function seedReferenceUnits(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertOrgUnit(tx, { ...seoulCity, kind: 'city', sortOrder: 0 });
    let order = 1;
    for (const d of seoulDistricts) {
      const id = await upsertOrgUnit(tx, {
        code: d.code,
        name: d.name,
        nameEn: d.nameEn,
        kind: 'district',
        parentCode: seoulCity.code,
        sortOrder: order++,
      });
      for (const year of POPULATION_YEARS) await setPopulation(tx, id, year, demoPopulation(d.code, d.population2019, year));
    }
    await appendAudit(tx, systemActor, {
      action: 'org_units.seeded',
      entityType: 'org_unit',
      after: { city: seoulCity.code, districts: seoulDistricts.length },
    });
  });
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgUnitCode: string | null;
}

export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [
    { username: 'admin', displayName: '서울시 일자리정책과 (데모)', role: 'city_admin', orgUnitCode: seoulCity.code },
    { username: 'auditor', displayName: '감사담당관 (데모)', role: 'auditor', orgUnitCode: null },
  ];
  for (const d of seoulDistricts) {
    accounts.push({ username: `officer.${d.code}`, displayName: `${d.name} 일자리 담당자 (데모)`, role: 'district_officer', orgUnitCode: d.code });
    accounts.push({ username: `approver.${d.code}`, displayName: `${d.name} 일자리 팀장 (데모)`, role: 'district_approver', orgUnitCode: d.code });
  }
  // Reviewer 3 lives in 광진구: a conflict of interest the assignment must respect.
  for (let i = 1; i <= 5; i++) {
    accounts.push({ username: `reviewer.${i}`, displayName: `평가위원 ${i} (데모)`, role: 'reviewer', orgUnitCode: i === 3 ? '11215' : null });
  }
  return accounts;
}

export interface DemoSeedResult {
  password: string;
  passwordFromEnv: boolean;
  accounts: DemoAccount[];
}

/**
 * Demo installation: reference units, cycles 2016–2019 (published) and 2020 (open for collection), and the demo
 * accounts, all sharing one password (random unless HOPEJOBS_DEMO_PASSWORD is set). Re-running resets the demo
 * passwords and leaves everything else as it is.
 */
export async function seedDemo(db: Db, opts: { password?: string | undefined } = {}): Promise<DemoSeedResult> {
  await seedReferenceUnits(db);
  const password = opts.password ?? randomPassword();
  const passwordHash = await hashPassword(password);
  const accounts = demoAccounts();
  await db.transaction(async (tx) => {
    for (const year of [...DEMO_YEARS, DEMO_OPEN_YEAR]) {
      const period = defaultDataPeriod(year);
      const published = year !== DEMO_OPEN_YEAR;
      await upsertCycle(tx, {
        year,
        title: `${year}년 서울 희망일자리 만들기 시·구 공동협력사업 평가 (데모)`,
        dataPeriodStart: period.start,
        dataPeriodEnd: period.end,
        status: published ? 'published' : 'open',
        isDemo: true,
        publishedAt: published ? new Date(Date.UTC(year, 10, 20, 1, 0, 0)) : null,
      });
      // Published and open cycles have frozen frameworks.
      await ensureFramework(tx, year, systemActor, true);
    }
    const unitIds = new Map<string, number>();
    for (const a of accounts) {
      const userId = await upsertUser(tx, { username: a.username, displayName: a.displayName, passwordHash, isDemo: true });
      // a new demo password: sessions opened with the old one end, and sign-in delays start again
      await deleteSessionsOfUser(tx, userId);
      await forgetAttemptsOfName(tx, a.username);
      let orgUnitId: number | null = null;
      if (a.orgUnitCode) {
        orgUnitId = unitIds.get(a.orgUnitCode) ?? (await upsertOrgUnit(tx, orgUnitInput(a.orgUnitCode)));
        unitIds.set(a.orgUnitCode, orgUnitId);
      }
      await grantRole(tx, userId, a.role, orgUnitId);
    }
    await appendAudit(tx, systemActor, {
      action: 'demo.seeded',
      entityType: 'installation',
      after: { cycles: [...DEMO_YEARS, DEMO_OPEN_YEAR], accounts: accounts.length },
    });
  });
  return { password, passwordFromEnv: opts.password !== undefined, accounts };
}

function orgUnitInput(code: string) {
  if (code === seoulCity.code) return { ...seoulCity, kind: 'city' as const, sortOrder: 0 };
  const i = seoulDistricts.findIndex((d) => d.code === code);
  const d = seoulDistricts[i];
  if (!d) throw new Error(`unknown demo org unit ${code}`);
  return { code: d.code, name: d.name, nameEn: d.nameEn, kind: 'district' as const, parentCode: seoulCity.code, sortOrder: i + 1 };
}
