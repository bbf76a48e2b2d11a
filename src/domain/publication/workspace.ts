/**
 * The publication workspace of a cycle (city admin): the press release edited in the browser and saved as numbered
 * versions (each save audited, optimistic on the newest version so two editors never overwrite each other
 * silently, an old version restored by saving it again), downloaded as PDF and .docx in the Seoul press-release
 * layout, beside the internal 결과 보고. Every date printed is Seoul's (KST), from the clock the caller passes.
 */
import type { z } from 'zod';
import type { pressReleaseVersionSchema, pressReleaseVersionSummarySchema, publicationWorkspaceSchema } from '../../contract/publication.js';
import {
  findPressReleaseVersion,
  insertPressReleaseVersion,
  latestPressReleaseVersion,
  listPressReleaseVersions,
  lockPressRelease,
  type PressReleaseVersionRow,
} from '../../db/repositories/press-release-versions.js';
import type { Db } from '../../db/client.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, holds, requireRole } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { DomainError, notFound } from '../errors.js';
import { parsePressRelease, type DocModel } from './document-model.js';
import { generatePressRelease } from './files.js';
import { kstCalendarDate, koreanDateTime } from './korean-text.js';
import { DEMO_LABEL } from './labels.js';

type VersionSummary = z.output<typeof pressReleaseVersionSummarySchema>;
type VersionView = z.output<typeof pressReleaseVersionSchema>;
type WorkspaceView = z.output<typeof publicationWorkspaceSchema>;

/** A clock: the instant "now". Tests pass a fixed one; the server passes the real one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

function summary(row: PressReleaseVersionRow): VersionSummary {
  return { version: row.version, authorName: row.authorName, createdAt: row.createdAt, restoredFrom: row.restoredFrom, length: row.body.length };
}

/**
 * The workspace of a cycle: its saved versions and the newest text, or a draft generated from the results and the
 * winners' activities (dated today in Seoul) before the first save. City admin and auditor read it; `canEdit`
 * tells whether the reader may save and download.
 */
export async function publicationWorkspace(db: DbOrTx, principal: Principal | null, year: number, clock: Clock = systemClock): Promise<WorkspaceView> {
  requireRole(principal, 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const rows = await listPressReleaseVersions(db, cycle.id);
  const newest = rows[0];
  return {
    year,
    currentVersion: newest?.version ?? 0,
    text: newest ? newest.body : await generatePressRelease(db, year, kstCalendarDate(clock())),
    generated: newest === undefined,
    demo: cycle.isDemo,
    versions: rows.map(summary),
    canEdit: holds(principal, 'city_admin'),
  };
}

/** One saved version with its text (city admin, auditor). */
export async function pressReleaseVersion(db: DbOrTx, principal: Principal | null, year: number, version: number): Promise<VersionView> {
  requireRole(principal, 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const row = await findPressReleaseVersion(db, cycle.id, version);
  if (!row) throw notFound({ ko: `보도자료 버전 ${version}`, en: `Press-release version ${version}` });
  return { ...summary(row), text: row.body };
}

/**
 * Appends a version inside the caller's transaction, after the per-cycle lock: refuses with `stale_version` (409,
 * carrying the current version) when `baseVersion` is not the newest, so a second editor is told instead of
 * overwriting; audits `press_release.version_saved`.
 */
export async function appendPressReleaseVersion(
  tx: DbOrTx,
  principal: Principal | null,
  cycle: { id: number; year: number; isDemo: boolean },
  text: string,
  baseVersion: number | null,
  restoredFrom: number | null,
): Promise<number> {
  requireRole(principal, 'city_admin');
  await lockPressRelease(tx, cycle.id);
  const current = await latestPressReleaseVersion(tx, cycle.id);
  if (baseVersion !== null && baseVersion !== current) {
    throw new DomainError(
      'conflict',
      'stale_version',
      {
        ko: `다른 사용자가 먼저 보도자료를 저장했습니다(현재 버전 ${current}). 최신 버전을 확인한 뒤 다시 저장하십시오.`,
        en: `Someone else saved the press release first (now version ${current}). Check the newest version, then save again.`,
      },
      [],
      { current: { version: current } },
    );
  }
  if (restoredFrom !== null && (restoredFrom > current || !(await findPressReleaseVersion(tx, cycle.id, restoredFrom))))
    throw notFound({ ko: `보도자료 버전 ${restoredFrom}`, en: `Press-release version ${restoredFrom}` });
  const version = current + 1;
  const structure = parsePressRelease(text, '', []);
  await insertPressReleaseVersion(tx, {
    cycleId: cycle.id,
    year: cycle.year,
    version,
    body: text,
    structure,
    restoredFrom,
    authorId: actorOf(principal).userId,
  });
  await appendAudit(tx, actorOf(principal), {
    action: 'press_release.version_saved',
    entityType: 'press_release',
    entityId: `${cycle.year}:${version}`,
    before: current > 0 ? { version: current } : null,
    after: { version, length: text.length, ...(restoredFrom !== null ? { restoredFrom } : {}) },
  });
  return version;
}

/** Saves the edited press release as a new version (city admin); `baseVersion` is the version it was edited from. */
export async function savePressReleaseVersion(
  db: Db,
  principal: Principal | null,
  year: number,
  body: { text: string; baseVersion: number; restoredFrom?: number | null },
): Promise<VersionView> {
  requireRole(principal, 'city_admin');
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    const version = await appendPressReleaseVersion(tx, principal, cycle, body.text, body.baseVersion, body.restoredFrom ?? null);
    const row = await findPressReleaseVersion(tx, cycle.id, version);
    if (!row) throw new Error('saved press-release version not found');
    return { ...summary(row), text: row.body };
  });
}

export type DocumentFormat = 'pdf' | 'docx';

export interface DocumentFile {
  body: Buffer;
  type: string;
  name: string;
}

const MEDIA: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Lays a document out in a format; the PDF's properties carry the clock's instant. */
export async function renderDocument(model: DocModel, format: DocumentFormat, now: Date): Promise<Buffer> {
  if (format === 'pdf') {
    const { documentPdf } = await import('./document-pdf.js');
    return documentPdf(model, now);
  }
  const { documentDocx } = await import('./document-docx.js');
  return documentDocx(model);
}

/**
 * The press release as a PDF or .docx (city admin only: a draft is not for circulation): a saved version (the
 * newest when `version` is absent), or the generated draft before the first save. The footer names the version and
 * when the file was made, in Seoul time.
 */
export async function pressReleaseFile(
  db: DbOrTx,
  principal: Principal | null,
  year: number,
  format: DocumentFormat,
  version: number | undefined,
  clock: Clock = systemClock,
): Promise<DocumentFile> {
  requireRole(principal, 'city_admin');
  const cycle = await cycleOrThrow(db, year);
  const now = clock();
  const row = await findPressReleaseVersion(db, cycle.id, version ?? null);
  if (version !== undefined && !row) throw notFound({ ko: `보도자료 버전 ${version}`, en: `Press-release version ${version}` });
  const text = row ? row.body : await generatePressRelease(db, year, kstCalendarDate(now));
  const which = row ? `버전 ${row.version}` : '자동 생성 초안';
  const model = parsePressRelease(text, `${year} 보도자료 · ${which} · ${koreanDateTime(now)} 출력`, cycle.isDemo ? [DEMO_LABEL.ko] : [], cycle.isDemo);
  const suffix = row ? `-v${row.version}` : '-draft';
  return { body: await renderDocument(model, format, now), type: MEDIA[format], name: `hopejobs-${year}-press-release${suffix}.${format}` };
}

/** The 결과 보고 of a cycle as a PDF or .docx (city admin and auditor, who reads the results it summarises). */
export async function resultReportFile(
  db: DbOrTx,
  principal: Principal | null,
  year: number,
  format: DocumentFormat,
  clock: Clock = systemClock,
): Promise<DocumentFile> {
  requireRole(principal, 'city_admin', 'auditor');
  const now = clock();
  const { resultReport } = await import('./result-report.js');
  const model = await resultReport(db, year, now);
  return { body: await renderDocument(model, format, now), type: MEDIA[format], name: `hopejobs-${year}-result-report.${format}` };
}
