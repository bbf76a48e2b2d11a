import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openEvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import {
  createRecord,
  createRecordType,
  deactivateRecordType,
  deleteRecord,
  getRecord,
  listRecords,
  readRecordType,
  browseRecordTypes,
  seedRecordTypes,
  setRecordTypeActive,
  updateRecord,
  updateRecordType,
} from '../../src/domain/activities/index.js';
import { systemActor } from '../../src/domain/audit.js';
import { resolveSession, type Principal } from '../../src/domain/auth.js';
import { actorOf, isSystem, systemPrincipal } from '../../src/domain/authz.js';
import { browseCycles, createCycle, cycleDetail, setCycleDeadline, transitionCycle } from '../../src/domain/cycles.js';
import { DomainError } from '../../src/domain/errors.js';
import { compareFrameworks, copyFramework, listVersions, readFramework, saveFramework } from '../../src/domain/frameworks/service.js';
import { deadlineReminders, listNotifications, markAllAsRead, markNotificationAsRead } from '../../src/domain/notifications/index.js';
import { compareRuns, getRun, reproduceRun, runScoring, runsOfCycle } from '../../src/domain/scoring/runs.js';
import { decideTie } from '../../src/domain/scoring/ties.js';
import { seedDemo } from '../../src/domain/seed.js';
import {
  approveSubmission,
  attachSubmissionEvidence,
  detachSubmissionEvidence,
  getSubmission,
  listSubmissions,
  myWorkCounts,
  returnToOfficer,
  saveSubmission,
  submitAll,
  submitSubmission,
} from '../../src/domain/submissions/index.js';
import { createAccount, getAccount, listAccounts, resetAccountPassword, setAccountRoles, updateAccount } from '../../src/domain/users/index.js';
import { bulkVerify, compareItem, returnSubmission, verificationMatrix, verifySubmission } from '../../src/domain/verification/index.js';
import { pdfSample } from '../domain/evidence-samples.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { OWN, PASSWORD, principalOf, usernames, YEAR, type SignedInCaller } from './fixture.js';

/** Who calls: no principal at all (null, and undefined as a careless caller would pass), or a signed-in user. */
type Who = 'null' | 'undefined' | SignedInCaller;
const NO_ONE = ['null', 'undefined'] as const satisfies readonly Who[];

interface Case {
  /** The exported service, as `folder/function`. */
  service: string;
  /** Calls it as the principal; arguments are valid where the check depends on them (the district, a live row). */
  call: (db: TestDatabase, p: Principal, ids: Ids) => Promise<unknown>;
  /** Who must be refused with the domain's forbidden error. */
  refused: readonly Who[];
}

interface Ids {
  record: number;
}

const nonCity = ['officer_own', 'approver_own', 'reviewer'] as const;
const notAdmin = ['officer_own', 'approver_own', 'reviewer', 'auditor'] as const;
const outsiders = ['officer_other', 'approver_other', 'reviewer'] as const;

/**
 * Every exported service of the folders whose rules live in the services (scoring, users, frameworks, cycles,
 * notifications, activities, submissions, verification) that acts for someone. A new one must be added here.
 */
const cases: Case[] = [
  // scoring
  { service: 'scoring/runScoring', call: (db, p) => runScoring(db.db, p, YEAR, 'trial'), refused: [...NO_ONE, ...notAdmin] },
  {
    service: 'scoring/decideTie',
    call: (db, p) => decideTie(db.db, p, 1, { tier: 'A', decision: 'award_all', reason: 'x' }),
    refused: [...NO_ONE, ...notAdmin],
  },
  { service: 'scoring/runsOfCycle', call: (db, p) => runsOfCycle(db.db, p, YEAR), refused: [...NO_ONE, ...nonCity] },
  { service: 'scoring/getRun', call: (db, p) => getRun(db.db, p, 1), refused: [...NO_ONE, ...nonCity] },
  { service: 'scoring/reproduceRun', call: (db, p) => reproduceRun(db.db, p, 1), refused: [...NO_ONE, ...nonCity] },
  { service: 'scoring/compareRuns', call: (db, p) => compareRuns(db.db, p, 1, 1), refused: [...NO_ONE, ...nonCity] },
  // users
  { service: 'users/listAccounts', call: (db, p) => listAccounts(db.db, p), refused: [...NO_ONE, ...notAdmin] },
  { service: 'users/getAccount', call: (db, p) => getAccount(db.db, p, 1), refused: [...NO_ONE, ...notAdmin] },
  {
    service: 'users/createAccount',
    call: (db, p) => createAccount(db.db, p, { username: 'probe.user', displayName: 'probe', roles: [] }),
    refused: [...NO_ONE, ...notAdmin],
  },
  { service: 'users/updateAccount', call: (db, p) => updateAccount(db.db, p, 1, { version: 1, displayName: 'probe' }), refused: [...NO_ONE, ...notAdmin] },
  {
    service: 'users/setAccountRoles',
    call: (db, p) => setAccountRoles(db.db, p, 1, { version: 1, roles: [{ role: 'city_admin' }] }),
    refused: [...NO_ONE, ...notAdmin],
  },
  { service: 'users/resetAccountPassword', call: (db, p) => resetAccountPassword(db.db, p, 1, { version: 1 }), refused: [...NO_ONE, ...notAdmin] },
  // frameworks
  { service: 'frameworks/readFramework', call: (db, p) => readFramework(db.db, p, YEAR), refused: NO_ONE },
  { service: 'frameworks/listVersions', call: (db, p) => listVersions(db.db, p, YEAR), refused: NO_ONE },
  { service: 'frameworks/compareFrameworks', call: (db, p) => compareFrameworks(db.db, p, { year: YEAR }, { year: YEAR }), refused: NO_ONE },
  { service: 'frameworks/saveFramework', call: (db, p) => saveFramework(db.db, p, YEAR, { definition: {}, rowVersion: 0 }), refused: [...NO_ONE, ...notAdmin] },
  { service: 'frameworks/copyFramework', call: (db, p) => copyFramework(db.db, p, YEAR - 1, YEAR), refused: [...NO_ONE, ...notAdmin] },
  // cycles
  { service: 'cycles/browseCycles', call: (db, p) => browseCycles(db.db, p), refused: NO_ONE },
  { service: 'cycles/cycleDetail', call: (db, p) => cycleDetail(db.db, p, YEAR), refused: NO_ONE },
  { service: 'cycles/createCycle', call: (db, p) => createCycle(db.db, p, { year: 2099 }), refused: [...NO_ONE, ...notAdmin] },
  {
    service: 'cycles/transitionCycle',
    call: (db, p) => transitionCycle(db.db, p, YEAR, { to: 'verification', version: 1 }),
    refused: [...NO_ONE, ...notAdmin],
  },
  { service: 'cycles/setCycleDeadline', call: (db, p) => setCycleDeadline(db.db, p, YEAR, 'open', new Date()), refused: [...NO_ONE, ...notAdmin] },
  // notifications
  { service: 'notifications/listNotifications', call: (db, p) => listNotifications(db.db, p), refused: NO_ONE },
  { service: 'notifications/markNotificationAsRead', call: (db, p) => markNotificationAsRead(db.db, p, 1), refused: NO_ONE },
  { service: 'notifications/markAllAsRead', call: (db, p) => markAllAsRead(db.db, p), refused: NO_ONE },
  { service: 'notifications/deadlineReminders', call: (db, p) => deadlineReminders(db.db, p), refused: [...NO_ONE, ...notAdmin] },
  // activities: record types
  { service: 'activities/browseRecordTypes', call: (db, p) => browseRecordTypes(db.db, p), refused: NO_ONE },
  { service: 'activities/readRecordType', call: (db, p) => readRecordType(db.db, p, 'company_visit'), refused: NO_ONE },
  { service: 'activities/createRecordType', call: (db, p) => createRecordType(db.db, p, {}), refused: [...NO_ONE, ...notAdmin] },
  {
    service: 'activities/updateRecordType',
    call: (db, p) => updateRecordType(db.db, p, 'company_visit', { version: 1, definition: {} }),
    refused: [...NO_ONE, ...notAdmin],
  },
  {
    service: 'activities/setRecordTypeActive',
    call: (db, p) => setRecordTypeActive(db.db, p, 'company_visit', { version: 1, active: true }),
    refused: [...NO_ONE, ...notAdmin],
  },
  {
    service: 'activities/deactivateRecordType',
    call: (db, p) => deactivateRecordType(db.db, p, 'company_visit', { version: 1 }),
    refused: [...NO_ONE, ...notAdmin],
  },
  // activities: records of a district
  {
    service: 'activities/createRecord',
    call: (db, p) => createRecord(db.db, p, { orgUnitCode: OWN, recordType: 'company_visit', occurredOn: '2020-01-15', data: {} }),
    refused: [...NO_ONE, 'officer_other', 'approver_own', 'auditor', 'reviewer'],
  },
  {
    service: 'activities/updateRecord',
    call: (db, p, ids) => updateRecord(db.db, p, ids.record, { version: 1, occurredOn: null, data: {} }),
    refused: [...NO_ONE, 'officer_other', 'approver_own', 'auditor'],
  },
  {
    service: 'activities/deleteRecord',
    call: (db, p, ids) => deleteRecord(db.db, p, ids.record, { version: 1 }),
    refused: [...NO_ONE, 'officer_other', 'approver_own', 'auditor'],
  },
  { service: 'activities/getRecord', call: (db, p, ids) => getRecord(db.db, p, ids.record), refused: [...NO_ONE, ...outsiders] },
  { service: 'activities/listRecords', call: (db, p) => listRecords(db.db, p, { orgUnitCode: OWN }), refused: [...NO_ONE, ...outsiders] },
  // submissions
  { service: 'submissions/listSubmissions', call: (db, p) => listSubmissions(db.db, p, YEAR, OWN), refused: [...NO_ONE, ...outsiders] },
  { service: 'submissions/getSubmission', call: (db, p) => getSubmission(db.db, p, YEAR, OWN, 'J1'), refused: [...NO_ONE, ...outsiders] },
  {
    service: 'submissions/saveSubmission',
    call: (db, p) => saveSubmission(db.db, p, YEAR, OWN, 'J1', { version: 0 }),
    refused: [...NO_ONE, 'officer_other', 'approver_own', 'auditor'],
  },
  {
    service: 'submissions/attachSubmissionEvidence',
    call: (db, p) => attachSubmissionEvidence(db.db, p, YEAR, OWN, 'J1', { version: 0, evidenceId: 1 }),
    refused: [...NO_ONE, 'officer_other', 'approver_own', 'auditor'],
  },
  {
    service: 'submissions/detachSubmissionEvidence',
    call: (db, p) => detachSubmissionEvidence(db.db, p, YEAR, OWN, 'J1', { version: 0, evidenceId: 1 }),
    refused: [...NO_ONE, 'officer_other', 'approver_own', 'auditor'],
  },
  {
    service: 'submissions/submitSubmission',
    call: (db, p) => submitSubmission(db.db, p, YEAR, OWN, 'J1', { version: 0 }),
    refused: [...NO_ONE, 'officer_other', 'approver_own', 'city_admin'],
  },
  { service: 'submissions/submitAll', call: (db, p) => submitAll(db.db, p, YEAR, OWN), refused: [...NO_ONE, 'officer_other', 'approver_own', 'city_admin'] },
  {
    service: 'submissions/approveSubmission',
    call: (db, p) => approveSubmission(db.db, p, YEAR, OWN, 'J1', { version: 0 }),
    refused: [...NO_ONE, 'approver_other', 'officer_own', 'city_admin'],
  },
  {
    service: 'submissions/returnToOfficer',
    call: (db, p) => returnToOfficer(db.db, p, YEAR, OWN, 'J1', { version: 0, reason: 'x' }),
    refused: [...NO_ONE, 'approver_other', 'officer_own', 'city_admin'],
  },
  { service: 'submissions/myWorkCounts', call: (db, p) => myWorkCounts(db.db, p), refused: NO_ONE },
  // verification
  {
    service: 'verification/verificationMatrix',
    call: (db, p) => verificationMatrix(db.db, p, YEAR),
    refused: [...NO_ONE, 'officer_own', 'approver_own', 'reviewer'],
  },
  {
    service: 'verification/compareItem',
    call: (db, p) => compareItem(db.db, p, YEAR, OWN, 'J1'),
    refused: [...NO_ONE, 'officer_own', 'approver_own', 'reviewer'],
  },
  { service: 'verification/verifySubmission', call: (db, p) => verifySubmission(db.db, p, YEAR, { id: 1, version: 1 }), refused: [...NO_ONE, ...notAdmin] },
  {
    service: 'verification/returnSubmission',
    call: (db, p) => returnSubmission(db.db, p, YEAR, { id: 1, version: 1, reason: 'x' }),
    refused: [...NO_ONE, ...notAdmin],
  },
  { service: 'verification/bulkVerify', call: (db, p) => bulkVerify(db.db, p, YEAR, { items: [{ id: 1, version: 1 }] }), refused: [...NO_ONE, ...notAdmin] },
];

describe.each(backends())('every acting service checks its principal first, on $name', (backend) => {
  let db: TestDatabase;
  const who = {} as Record<Who, Principal>;
  const ids: Ids = { record: 0 };

  beforeAll(async () => {
    db = await backend.open();
    await seedDemo(db.db, { password: PASSWORD });
    await seedRecordTypes(db.db);
    for (const [caller, username] of Object.entries(usernames) as Array<[SignedInCaller, string]>) who[caller] = await principalOf(db, username);
    // A careless caller (JavaScript, a cast) passes nothing: the type forbids it, the service must refuse it anyway.
    who.null = null as unknown as Principal;
    who.undefined = undefined as unknown as Principal;
    const record = await createRecord(db.db, who.officer_own, {
      orgUnitCode: OWN,
      recordType: 'company_visit',
      occurredOn: '2020-01-15',
      data: { company_name: '광진정밀', purpose: '구인 지원', jobs_found: 3, follow_up: true },
    });
    ids.record = record.id;
  }, 120_000);
  afterAll(async () => db?.destroy());

  const rows = cases.flatMap((c) => c.refused.map((w) => ({ service: c.service, who: w, call: c.call })));
  it.each(rows)('$service refuses $who', async ({ call, who: w }) => {
    const error = await call(db, who[w], ids).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('forbidden');
  });

  it('lists each service once', () => {
    expect(new Set(cases.map((c) => c.service)).size).toBe(cases.length);
  });

  it('wrote nothing for a refused call: the record is as it was', async () => {
    const record = await getRecord(db.db, who.officer_own, ids.record);
    expect(record.version).toBe(1);
  });

  it('gives each item of a view the actions its caller may take now, by the services’ rules', async () => {
    const actions = async (w: SignedInCaller) => (await getSubmission(db.db, who[w], YEAR, OWN, 'J2')).allowedActions;
    // The 2020 cycle collects data: the officer keeps a draft (a not-started item is not yet submittable), the city
    // corrects with a reason, the approver and the auditor have nothing to do with a not-started item.
    expect(await actions('officer_own')).toEqual(['save']);
    expect(await actions('city_admin')).toEqual(['correct']);
    expect(await actions('approver_own')).toEqual([]);
    expect(await actions('auditor')).toEqual([]);
    const saved = await saveSubmission(db.db, who.officer_own, YEAR, OWN, 'J2', { version: 0, value: 40 });
    expect(saved.allowedActions).toEqual(['save', 'submit']);
    const dir = mkdtempSync(path.join(tmpdir(), 'hj-principal-'));
    const store = openEvidenceStore(loadConfig({ HOPEJOBS_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    const { evidence } = await storeEvidence(
      db.db,
      store,
      { fileName: '증빙.pdf', content: pdfSample('J2'), orgUnitCode: OWN, actor: systemActor },
      { maxBytes: 1 << 20 },
    );
    const attached = await attachSubmissionEvidence(db.db, who.officer_own, YEAR, OWN, 'J2', { version: saved.version, evidenceId: evidence.id });
    rmSync(dir, { recursive: true, force: true });
    const { submission } = await submitSubmission(db.db, who.officer_own, YEAR, OWN, 'J2', { version: attached.version });
    expect(submission.allowedActions).toEqual([]);
    expect(await actions('approver_own')).toEqual(['approve', 'return']);
    expect(await actions('city_admin')).toEqual(['correct', 'return_to_district']);
    expect(await actions('approver_other').catch((e: unknown) => e)).toBeInstanceOf(DomainError);
  });

  it('keeps the system principal for code: no session resolves to it, and it is audited as "system"', async () => {
    expect(isSystem(systemPrincipal)).toBe(true);
    expect(actorOf(systemPrincipal)).toEqual(systemActor);
    expect(isSystem(who.city_admin)).toBe(false);
    // A copy of its fields is not the system principal: it is an ordinary (unknown) user with id 0.
    expect(isSystem({ ...systemPrincipal })).toBe(false);
    expect(await resolveSession(db.db, '')).toBeNull();
  });
});
