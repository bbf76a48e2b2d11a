import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { findOrgUnitByCode } from '../../src/db/repositories/org-units.js';
import { findUserByUsername, membershipsOf } from '../../src/db/repositories/users.js';
import { adjustments, objections, reviewAssignments, users } from '../../src/db/schema.js';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { systemActor } from '../../src/domain/audit.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import type { Principal } from '../../src/domain/auth.js';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import { openEvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import { notify } from '../../src/domain/notifications/notify.js';
import { runScoring } from '../../src/domain/scoring/runs.js';
import { pdfSample } from '../domain/evidence-samples.js';
import { multipartFile } from '../fixtures/imports/upload.js';
import { signIn, type Client } from '../helpers/app.js';
import type { Backend, TestDatabase } from '../helpers/db.js';

export const PASSWORD = 'test-password-1';
export const YEAR = 2020;
/** The district the "own" callers belong to, and the one the "other" callers belong to. */
export const OWN = '11215';
export const OTHER = '11110';

/** Everyone the security tests call the API as. */
export const callers = [
  'anonymous',
  'city_admin',
  'officer_own',
  'officer_other',
  'approver_own',
  'approver_other',
  'reviewer',
  'reviewer_other',
  'auditor',
] as const;
export type Caller = (typeof callers)[number];
export type SignedInCaller = Exclude<Caller, 'anonymous'>;

export const usernames: Record<SignedInCaller, string> = {
  city_admin: 'admin',
  officer_own: `officer.${OWN}`,
  officer_other: `officer.${OTHER}`,
  approver_own: `approver.${OWN}`,
  approver_other: `approver.${OTHER}`,
  reviewer: 'reviewer.1',
  reviewer_other: 'reviewer.2',
  auditor: 'auditor',
};

/** Rows of the own district (and the assigned reviewer) that id-addressed routes are called with. */
export interface FixtureIds {
  record: number;
  recordVersion: number;
  import: number;
  evidence: number;
  objection: number;
  assignment: number;
  /** A second assignment of the same reviewer, for the route that deletes one. */
  spareAssignment: number;
  notification: number;
  submission: number;
  /** A record type the city created (built-in types cannot be changed at all). */
  recordType: string;
  run: number;
  /** A confirmed 가점·감점 entry of the own district. */
  adjustment: number;
}

export interface SecurityFixture {
  db: TestDatabase;
  app: FastifyInstance;
  clients: Record<SignedInCaller, Client>;
  ids: FixtureIds;
  /** The app's data directory (evidence blobs, spooled uploads). */
  dataDir: string;
  config: Config;
  close(): Promise<void>;
}

export const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** Row counts of every table a write can touch, plus the audit log's length: "nothing written" compares these. */
export async function tableCounts(db: TestDatabase): Promise<Record<string, number>> {
  const tables = [
    'activity_records',
    'imports',
    'submissions',
    'submission_evidence',
    'evidence_files',
    'objections',
    'adjustments',
    'review_assignments',
    'scoring_runs',
    'framework_versions',
    'record_types',
    'cycles',
    'cycle_deadlines',
    'publications',
    'notifications',
    'jobs',
    'audit_log',
  ];
  const r = await db.db.execute(sql.raw(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`));
  return rowsOf<Record<string, number>>(r)[0]!;
}

/**
 * One database and one app for a whole security suite: the demo accounts, record types, and one row of each kind
 * the id-addressed routes need, owned by district 11215 (and reviewer.1), plus every caller signed in once.
 */
export async function openSecurityFixture(
  backend: Backend,
  opts: { signIn?: readonly SignedInCaller[]; env?: Record<string, string> } = {},
): Promise<SecurityFixture> {
  const db = await backend.openDemo(PASSWORD);
  await seedRecordTypes(db.db);
  // PGlite keeps the app's files in its own data directory (as testApp does); a server database gets a fresh one.
  const ownDir = db.dataDir ? null : mkdtempSync(path.join(tmpdir(), 'hj-sec-data-'));
  const dataDir = db.dataDir ?? ownDir!;
  const config = loadConfig({ HOPEJOBS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...opts.env });
  const app = await buildApp({ database: db, config, spa: false });
  await app.ready();
  const wanted = opts.signIn ?? (Object.keys(usernames) as SignedInCaller[]);
  const clients = {} as Record<SignedInCaller, Client>;
  for (const c of wanted) clients[c] = await signIn(app, usernames[c], PASSWORD);

  const officer = clients.officer_own ?? (await signIn(app, usernames.officer_own, PASSWORD));
  const created = await officer.request('POST', `/api/v1/districts/${OWN}/records`, {
    recordType: 'company_visit',
    occurredOn: '2020-01-15',
    data: { company_name: '광진정밀', purpose: '구인 지원', jobs_found: 3, follow_up: true },
  });
  if (created.statusCode !== 201) throw new Error(`fixture record: ${created.statusCode} ${created.body}`);
  const upload = multipartFile('visits.csv', Buffer.from('실적 일자,기업명,방문 목적,발굴 일자리 수\n2020-02-03,성수식품,정책 안내,2\n'));
  const imported = await officer.request('POST', `/api/v1/cycles/${YEAR}/districts/${OWN}/imports?type=company_visit`, upload.payload, upload.headers);
  if (imported.statusCode !== 201) throw new Error(`fixture import: ${imported.statusCode} ${imported.body}`);

  const saved = await officer.request('PUT', `/api/v1/cycles/${YEAR}/districts/${OWN}/submissions/J2`, { version: 0, value: 40, comment: '초안' });
  if (saved.statusCode !== 200) throw new Error(`fixture submission: ${saved.statusCode} ${saved.body}`);
  const admin = clients.city_admin ?? (await signIn(app, usernames.city_admin, PASSWORD));
  const recordType = 'authz_probe';
  const typed = await admin.request('POST', '/api/v1/record-types', {
    definition: {
      code: recordType,
      name: { ko: '권한 시험', en: 'Authorisation probe' },
      fields: [{ key: 'title', label: { ko: '제목', en: 'Title' }, type: 'text', required: true }],
    },
  });
  if (typed.statusCode !== 201) throw new Error(`fixture record type: ${typed.statusCode} ${typed.body}`);

  // The app's own evidence store, so downloads find the bytes.
  const store = openEvidenceStore(config);
  const { evidence } = await storeEvidence(
    db.db,
    store,
    { fileName: '증빙.pdf', content: pdfSample('fixture'), orgUnitCode: OWN, actor: systemActor },
    { maxBytes: 1 << 20 },
  );

  const cycle = (await findCycleByYear(db.db, YEAR))!;
  const own = (await findOrgUnitByCode(db.db, OWN))!;
  const other = (await findOrgUnitByCode(db.db, OTHER))!;
  const userId = async (username: string) => (await db.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const [objection] = await db.db
    .insert(objections)
    .values({ cycleId: cycle.id, orgUnitId: own.id, indicatorCode: 'J1', reason: '기업방문 실적 누락', filedBy: await userId(usernames.officer_own) })
    .returning({ id: objections.id });
  const [adjustment] = await db.db
    .insert(adjustments)
    .values({ cycleId: cycle.id, orgUnitId: own.id, ruleCode: 'B_POLICY', points: 1, reason: '시 정책 협조', status: 'confirmed' })
    .returning({ id: adjustments.id });
  const reviewerId = await userId(usernames.reviewer);
  const [assignment, spare] = await db.db
    .insert(reviewAssignments)
    .values([
      { cycleId: cycle.id, reviewerId, orgUnitId: other.id, indicatorCode: 'S6' },
      { cycleId: cycle.id, reviewerId, orgUnitId: other.id, indicatorCode: 'S7' },
    ])
    .returning({ id: reviewAssignments.id });
  await notify(db.db, { userId: await userId(usernames.officer_own) }, 'deadline_near', { message: { ko: '마감 안내', en: 'Deadline near' } });
  const [notification] = rowsOf<{ id: number }>(await db.db.execute(sql`SELECT max(id)::int AS id FROM notifications`));
  const run = await runScoring(db.db, systemPrincipal, YEAR, 'trial', { note: 'fixture' });

  return {
    db,
    app,
    clients,
    dataDir,
    config,
    ids: {
      record: created.json<{ id: number }>().id,
      recordVersion: created.json<{ version: number }>().version,
      import: imported.json<{ importId: number }>().importId,
      evidence: evidence.id,
      objection: objection!.id,
      assignment: assignment!.id,
      spareAssignment: spare!.id,
      notification: notification!.id,
      submission: saved.json<{ id: number }>().id,
      recordType,
      run: run.id,
      adjustment: adjustment!.id,
    },
    async close() {
      await app.close();
      await db.destroy();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

/** The principal a signed-in user of the demo would have, for calling domain services directly. */
export async function principalOf(db: TestDatabase, username: string): Promise<Principal> {
  const user = (await findUserByUsername(db.db, username))!;
  const roles = await membershipsOf(db.db, user.id);
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, isDemo: user.isDemo, mustChangePassword: user.mustChangePassword, roles },
    tokenHash: 'fuzz',
    csrfToken: 'fuzz',
  };
}

/** New activity records of one import, with every numeric value checked to be finite (jsonb can hold 1e400). */
export async function nonFiniteValues(db: TestDatabase, importId: number): Promise<string[]> {
  const rows = rowsOf<{ id: number; data: Record<string, unknown> }>(
    await db.db.execute(sql`SELECT id, data FROM activity_records WHERE import_id = ${importId}`),
  );
  const bad: string[] = [];
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.data)) if (typeof v === 'number' && !Number.isFinite(v)) bad.push(`record ${r.id} ${k}=${v}`);
  }
  return bad;
}
