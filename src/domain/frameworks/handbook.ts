/**
 * The 평가 편람 (evaluation handbook) of a cycle as a PDF. Who may read it follows how a framework becomes fixed:
 * a cycle's framework is frozen when the cycle opens (src/domain/cycles.ts) and every later change is a new frozen
 * version, so once frozen it is the rule book districts are assessed by, and anyone may read its handbook; a draft
 * framework's handbook is for signed-in users only. The PDF itself is built by a renderer (worker threads in the
 * server) and is the same bytes for the same framework version and language, so the server keeps it per version.
 */
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { requireSignedIn } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { notFound } from '../errors.js';
import { inThreadRenderer, type FileRenderer } from '../file-rendering/index.js';
import type { Lang } from '../publication/labels.js';
import type { FrameworkDefinition } from './definition.js';
import { getFramework } from './service.js';

/** The framework version a handbook is made from. */
export interface HandbookSource {
  year: number;
  version: number;
  definitionHash: string;
  frozen: boolean;
  demo: boolean;
  definition: FrameworkDefinition;
}

async function source(db: DbOrTx, year: number, version?: number): Promise<HandbookSource> {
  const cycle = await cycleOrThrow(db, year);
  const f = await getFramework(db, year, version);
  return { year, version: f.version, definitionHash: f.definitionHash, frozen: f.frozen, demo: cycle.isDemo, definition: f.definition };
}

/**
 * The framework whose handbook anyone may read: the cycle's current version once it is frozen. A cycle whose
 * framework is still a draft answers "not found", so nothing undecided is reachable without signing in.
 */
export async function publicHandbookSource(db: DbOrTx, year: number): Promise<HandbookSource> {
  const s = await source(db, year);
  if (!s.frozen) throw notFound({ ko: `${year}년 확정된 평가 편람`, en: `The fixed ${year} handbook` });
  return s;
}

/** Any version of a cycle's framework, draft included, for a signed-in user (every role works by these rules). */
export async function handbookSource(db: DbOrTx, principal: Principal | null, year: number, version?: number): Promise<HandbookSource> {
  requireSignedIn(principal);
  return source(db, year, version);
}

/** The handbook PDF of a framework version in one language, with its media type and download name. */
export async function handbookFile(
  s: HandbookSource,
  lang: Lang,
  renderer: FileRenderer = inThreadRenderer,
): Promise<{ body: Buffer; type: string; name: string }> {
  const body = await renderer.render({
    kind: 'handbook-pdf',
    year: s.year,
    framework: s.definition,
    options: { lang, demo: s.demo, version: s.version, definitionHash: s.definitionHash },
  });
  return { body, type: 'application/pdf', name: `hopejobs-${s.year}-handbook-v${s.version}${lang === 'en' ? '-en' : ''}.pdf` };
}
