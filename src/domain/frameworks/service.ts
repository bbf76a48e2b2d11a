import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import {
  freezeFrameworkVersion,
  frameworkVersionByNumber,
  insertFrameworkVersion,
  latestFrameworkVersion,
  latestFrameworkVersions,
  listFrameworkVersions,
  updateDraftFramework,
  type FrameworkVersionRow,
} from '../../db/repositories/frameworks.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit, systemActor, type Actor } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole, requireSignedIn } from '../authz.js';
import { canonicalJson } from '../../engine/index.js';
import { DomainError, notFound, type FieldProblem } from '../errors.js';
import { defaultFramework } from './defaults/index.js';
import { issueMessage } from '../../message.js';
import { frameworkDefinitionSchema, type FrameworkDefinition } from './definition.js';
import { diffFrameworks, type FrameworkDiff } from './diff.js';
import { lintFramework, type FrameworkWarning } from './lint.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import type { CycleRow } from '../../db/repositories/cycles.js';

export interface FrameworkView {
  cycleYear: number;
  version: number;
  rowVersion: number;
  frozen: boolean;
  frozenAt: Date | null;
  reason: string | null;
  createdAt: Date;
  definitionHash: string;
  definition: FrameworkDefinition;
}

/** The framework as the API answers it: with the formula lint's warnings (doubts that do not stop a save). */
export interface LintedFrameworkView extends FrameworkView {
  warnings: FrameworkWarning[];
}

const withWarnings = (v: FrameworkView): LintedFrameworkView => ({ ...v, warnings: lintFramework(v.definition) });

export function hashDefinition(def: FrameworkDefinition): string {
  return createHash('sha256').update(canonicalJson(def)).digest('hex');
}

/** Validates a definition; every problem is reported with its path, in Korean and English. */
export function parseDefinition(input: unknown): FrameworkDefinition {
  const r = frameworkDefinitionSchema.safeParse(input);
  if (r.success) return r.data;
  const problems: FieldProblem[] = r.error.issues.map((i) => ({ path: ['definition', ...i.path].join('.'), message: issueMessage(i) }));
  throw new DomainError('invalid', 'invalid_framework', { ko: '평가 체계에 오류가 있습니다.', en: 'The framework has errors.' }, problems);
}

function view(cycleYear: number, row: FrameworkVersionRow): FrameworkView {
  return {
    cycleYear,
    version: row.version,
    rowVersion: row.rowVersion,
    frozen: row.frozenAt !== null,
    frozenAt: row.frozenAt,
    reason: row.reason,
    createdAt: row.createdAt,
    definitionHash: row.definitionHash,
    definition: frameworkDefinitionSchema.parse(row.definition),
  };
}

/** The framework as a signed-in user reads it (every role sees the rules it is assessed or works by). */
export async function readFramework(db: DbOrTx, principal: Principal | null, year: number, version?: number): Promise<LintedFrameworkView> {
  requireSignedIn(principal);
  return withWarnings(await getFramework(db, year, version));
}

/** The current (latest) framework of a cycle, or a given version: the lookup other services build on. */
export async function getFramework(db: DbOrTx, year: number, version?: number): Promise<FrameworkView> {
  return frameworkOfCycle(db, await cycleOrThrow(db, year), version);
}

/** The same, of a cycle already read in the caller's transaction (it is not read again). */
export async function frameworkOfCycle(db: DbOrTx, cycle: Pick<CycleRow, 'id' | 'year'>, version?: number): Promise<FrameworkView> {
  const row = version ? await frameworkVersionByNumber(db, cycle.id, version) : await latestFrameworkVersion(db, cycle.id);
  return frameworkViewOf(cycle.year, row);
}

/** The current frameworks of some cycles already read, by cycle id (one query); a cycle without one is a 404. */
export async function frameworksOfCycles(db: DbOrTx, cycles: ReadonlyArray<Pick<CycleRow, 'id' | 'year'>>): Promise<Map<number, FrameworkView>> {
  const unique = [...new Map(cycles.map((c) => [c.id, c])).values()];
  const rows = new Map(
    (
      await latestFrameworkVersions(
        db,
        unique.map((c) => c.id),
      )
    ).map((r) => [r.cycleId, r]),
  );
  return new Map(unique.map((c) => [c.id, frameworkViewOf(c.year, rows.get(c.id) ?? null)]));
}

/** The view of a cycle's framework version row read with the cycle; a cycle without one has no framework (404). */
export function frameworkViewOf(year: number, row: FrameworkVersionRow | null): FrameworkView {
  if (!row) throw notFound({ ko: `${year}년 평가 체계`, en: `Framework ${year}` });
  return view(year, row);
}

export async function listVersions(db: DbOrTx, principal: Principal | null, year: number) {
  requireSignedIn(principal);
  const cycle = await cycleOrThrow(db, year);
  return (await listFrameworkVersions(db, cycle.id)).map((r) => ({
    version: r.version,
    frozenAt: r.frozenAt,
    reason: r.reason,
    createdAt: r.createdAt,
    definitionHash: r.definitionHash,
  }));
}

/** Installs version 1 for a cycle that has none (the shipped framework of that year). Idempotent. */
export async function ensureFramework(tx: DbOrTx, year: number, actor: Actor = systemActor, frozen = false): Promise<FrameworkView> {
  const cycle = await cycleOrThrow(tx, year);
  const existing = await latestFrameworkVersion(tx, cycle.id);
  if (existing) return view(year, existing);
  const def = defaultFramework(year);
  const row = await insertFrameworkVersion(tx, {
    cycleId: cycle.id,
    version: 1,
    definition: def,
    definitionHash: hashDefinition(def),
    frozenAt: frozen ? new Date() : null,
    reason: '기본 제공 평가 체계 (예시 재구성)',
    createdBy: actor.userId,
  });
  await appendAudit(tx, actor, {
    action: 'framework.created',
    entityType: 'framework',
    entityId: `${year}/1`,
    after: { source: 'default', hash: row.definitionHash },
  });
  return view(year, row);
}

/**
 * Saves a framework. While the cycle is a draft and the latest version is not frozen, it is replaced in place
 * (optimistic concurrency on `rowVersion`). Once frozen, a change becomes a new frozen version and needs a reason.
 */
export async function saveFramework(
  db: Db,
  principal: Principal | null,
  year: number,
  input: { definition: unknown; rowVersion: number; reason?: string | null },
): Promise<LintedFrameworkView> {
  requireRole(principal, 'city_admin');
  const def = parseDefinition(input.definition);
  const hash = hashDefinition(def);
  const saved = await db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    const latest = await latestFrameworkVersion(tx, cycle.id);
    const actor = actorOf(principal);
    if (latest && latest.rowVersion !== input.rowVersion) {
      throw new DomainError(
        'conflict',
        'stale_version',
        { ko: '다른 사용자가 먼저 수정했습니다. 최신 내용을 확인하세요.', en: 'Someone else saved first; reload to see the current version.' },
        [],
        { current: view(year, latest) },
      );
    }
    if (latest && latest.frozenAt === null) {
      const row = await updateDraftFramework(tx, latest.id, latest.rowVersion, def, hash);
      if (!row) throw new DomainError('conflict', 'stale_version', { ko: '다른 사용자가 먼저 수정했습니다.', en: 'Someone else saved first.' });
      await appendAudit(tx, actor, {
        action: 'framework.updated',
        entityType: 'framework',
        entityId: `${year}/${row.version}`,
        before: { hash: latest.definitionHash },
        after: { hash, changes: diffFrameworks(frameworkDefinitionSchema.parse(latest.definition), def).summary.ko },
        reason: input.reason ?? null,
      });
      return view(year, row);
    }
    if (latest && !input.reason?.trim()) {
      throw new DomainError(
        'invalid',
        'reason_required',
        {
          ko: '확정된 평가 체계를 바꾸려면 사유가 필요합니다 (새 버전이 만들어집니다).',
          en: 'The framework is frozen: a change needs a reason (a new version is created).',
        },
        [{ path: 'body.reason', message: { ko: '사유를 입력하세요.', en: 'Enter a reason.' } }],
      );
    }
    const row = await insertFrameworkVersion(tx, {
      cycleId: cycle.id,
      version: (latest?.version ?? 0) + 1,
      // The concurrency token keeps increasing across versions, so a screen showing an older version is stale.
      rowVersion: (latest?.rowVersion ?? 0) + 1,
      definition: def,
      definitionHash: hash,
      frozenAt: latest ? new Date() : null,
      reason: input.reason ?? null,
      createdBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: latest ? 'framework.new_version' : 'framework.created',
      entityType: 'framework',
      entityId: `${year}/${row.version}`,
      before: latest ? { version: latest.version, hash: latest.definitionHash } : null,
      after: { version: row.version, hash, changes: latest ? diffFrameworks(frameworkDefinitionSchema.parse(latest.definition), def).summary.ko : [] },
      reason: input.reason ?? null,
    });
    return view(year, row);
  });
  return withWarnings(saved);
}

/** Copies the latest framework of `fromYear` into `toYear` (as a draft, or as a new version with a reason). */
export async function copyFramework(
  db: Db,
  principal: Principal | null,
  fromYear: number,
  toYear: number,
  reason?: string | null,
): Promise<LintedFrameworkView> {
  requireRole(principal, 'city_admin');
  const source = await getFramework(db, fromYear);
  const target = await cycleOrThrow(db, toYear);
  const latest = await latestFrameworkVersion(db, target.id);
  const def: FrameworkDefinition = {
    ...source.definition,
    title: {
      ko: source.definition.title.ko.replace(String(fromYear), String(toYear)),
      en: source.definition.title.en.replace(String(fromYear), String(toYear)),
    },
    indicators: source.definition.indicators.map((i) => ({ ...i, isNew: false })),
  };
  return saveFramework(db, principal, toYear, {
    definition: def,
    rowVersion: latest?.rowVersion ?? 0,
    reason: reason ?? `${fromYear}년 평가 체계 복사 / copied from ${fromYear}`,
  });
}

/** Freezes the latest version (the cycle opened). */
export async function freezeFramework(tx: DbOrTx, year: number, actor: Actor): Promise<void> {
  const cycle = await cycleOrThrow(tx, year);
  const latest = await latestFrameworkVersion(tx, cycle.id);
  if (!latest) throw new DomainError('invalid', 'no_framework', { ko: '평가 체계가 없습니다.', en: 'The cycle has no framework.' });
  if (latest.frozenAt) return;
  await freezeFrameworkVersion(tx, latest.id);
  await appendAudit(tx, actor, { action: 'framework.frozen', entityType: 'framework', entityId: `${year}/${latest.version}` });
}

export async function compareFrameworks(
  db: DbOrTx,
  principal: Principal | null,
  a: { year: number; version?: number },
  b: { year: number; version?: number },
): Promise<FrameworkDiff> {
  requireSignedIn(principal);
  const before = await getFramework(db, a.year, a.version);
  const after = await getFramework(db, b.year, b.version);
  return diffFrameworks(before.definition, after.definition);
}
