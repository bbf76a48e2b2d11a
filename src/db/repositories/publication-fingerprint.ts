import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../tx.js';

/**
 * One short string that changes whenever anything the public pages show may have changed: which cycles are
 * published, with which run, and any update of those cycle, publication (press release) or run (result,
 * sensitivity) rows — every UPDATE gives a row a new `xmin`. Cheap (a few rows, no large JSON read), so it can be
 * asked every few seconds to decide whether the cached public results still hold.
 */
export async function publicationFingerprint(db: DbOrTx): Promise<string> {
  const res = (await db.execute(sql`
    SELECT coalesce(string_agg(concat_ws('|', c.year, c.id, c.xmin, p.run_id, p.xmin, r.xmin), ',' ORDER BY c.year), '') AS f
      FROM publications p
      JOIN cycles c ON c.id = p.cycle_id
      JOIN scoring_runs r ON r.id = p.run_id
     WHERE c.status = 'published'`)) as unknown as { rows: Array<{ f: string }> };
  return res.rows[0]?.f ?? '';
}
