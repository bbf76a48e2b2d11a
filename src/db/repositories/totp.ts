import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { sessions, totpRecoveryCodes, userTotp } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type TotpRow = typeof userTotp.$inferSelect;

export async function findTotp(db: DbOrTx, userId: number): Promise<TotpRow | null> {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
  return row ?? null;
}

/** Starts (or starts again) an unconfirmed enrolment with a new secret; a confirmed one is left alone (false). */
export async function beginTotp(db: DbOrTx, userId: number, secret: string): Promise<boolean> {
  const rows = await db
    .insert(userTotp)
    .values({ userId, secret })
    .onConflictDoUpdate({ target: userTotp.userId, set: { secret, createdAt: sql`now()`, lastUsedStep: null }, setWhere: isNull(userTotp.confirmedAt) })
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

export async function confirmTotp(db: DbOrTx, userId: number, step: number): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ confirmedAt: sql`now()`, lastUsedStep: step })
    .where(and(eq(userTotp.userId, userId), isNull(userTotp.confirmedAt)))
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/**
 * Records `step` as the last one used, only when it is later than the last one: one statement, so two requests with
 * the same code cannot both pass. False: the step (or a later one) was used already.
 */
export async function useTotpStep(db: DbOrTx, userId: number, step: number): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ lastUsedStep: step })
    .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step))))
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/** Removes the second factor and its recovery codes; whether there was one. */
export async function deleteTotp(db: DbOrTx, userId: number): Promise<boolean> {
  await db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  const rows = await db.delete(userTotp).where(eq(userTotp.userId, userId)).returning({ userId: userTotp.userId });
  return rows.length > 0;
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: number, codeHashes: string[]): Promise<void> {
  await db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  if (codeHashes.length > 0) await db.insert(totpRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Marks an unused recovery code used; false when there is no such unused code (single use, race-safe). */
export async function useRecoveryCode(db: DbOrTx, userId: number, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(totpRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(totpRecoveryCodes.userId, userId), eq(totpRecoveryCodes.codeHash, codeHash), isNull(totpRecoveryCodes.usedAt)))
    .returning({ id: totpRecoveryCodes.id });
  return rows.length > 0;
}

export async function unusedRecoveryCodes(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Users among `userIds` with a confirmed second factor. */
export async function usersWithTotp(db: DbOrTx, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(inArray(userTotp.userId, userIds), isNotNull(userTotp.confirmedAt)));
  return new Set(rows.map((r) => r.userId));
}

/** The session passed the second factor now. */
export async function markSessionSecondFactor(db: DbOrTx, tokenHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ secondFactorAt: sql`now()` })
    .where(eq(sessions.tokenHash, tokenHash));
}
