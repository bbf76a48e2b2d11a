import { z } from 'zod';
import { year } from './common.js';

/** The press release of a cycle's results, as the city edits it. */
export const pressReleaseSchema = z.object({ text: z.string(), edited: z.boolean(), version: z.number().int() });
export const pressReleaseBody = z.object({ text: z.string().min(1).max(100_000), version: z.number().int() });

/** A saved version of the press release in the publication workspace, without its text. */
export const pressReleaseVersionSummarySchema = z.object({
  version: z.number().int(),
  authorName: z.string().nullable(),
  createdAt: z.date(),
  /** The version this one restored, when it was a restore. */
  restoredFrom: z.number().int().nullable(),
  length: z.number().int(),
});

/** One saved version with its text. */
export const pressReleaseVersionSchema = pressReleaseVersionSummarySchema.extend({ text: z.string() });

/**
 * The publication workspace of a cycle: the saved versions (newest first), the newest one's text — or, before the
 * first save, a draft generated from the results and the winners' activities — and what the reader may do.
 */
export const publicationWorkspaceSchema = z.object({
  year: z.number().int(),
  /** The newest version's number, 0 before the first save; a save sends it back as `baseVersion`. */
  currentVersion: z.number().int(),
  /** The newest version's text, or the generated draft. */
  text: z.string(),
  /** True when `text` is a generated draft (nothing saved yet). */
  generated: z.boolean(),
  demo: z.boolean(),
  versions: z.array(pressReleaseVersionSummarySchema),
  /** Save and download the press release and the 결과 보고 (the city admin); read only otherwise. */
  canEdit: z.boolean(),
});

export const pressReleaseVersionParams = z.object({ year, version: z.coerce.number().int().min(1).max(2_147_483_647) });

/** A save: the text, the version it was edited from (`currentVersion` when loaded) and, for a restore, which one. */
export const savePressReleaseVersionBody = z.object({
  text: z.string().trim().min(1).max(100_000),
  baseVersion: z.number().int().min(0),
  restoredFrom: z.number().int().min(1).nullable().optional(),
});

/** Which saved version a download is of (the newest when absent). */
export const pressReleaseFileQuery = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647).optional() });
