import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { sessions } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export interface NewSession {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** Set when the session opens having passed the second factor. */
  secondFactorAt?: Date | null;

  /** The issuer when single sign-on opened the session. */
  identityProvider?: string | null;
}

export async function insertSession(db: DbOrTx, s: NewSession): Promise<void> {
  await db.insert(sessions).values(s);
}

export async function findLiveSession(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Sliding expiry: pushes the expiry out, at most once a minute per session to spare writes. */
export async function touchSession(db: DbOrTx, tokenHash: string, expiresAt: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()`, expiresAt })
    .where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
}
