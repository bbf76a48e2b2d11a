import { z } from 'zod';

/** The press release of a cycle's results, as the city edits it. */
export const pressReleaseSchema = z.object({ text: z.string(), edited: z.boolean(), version: z.number().int() });
export const pressReleaseBody = z.object({ text: z.string().min(1).max(100_000), version: z.number().int() });
