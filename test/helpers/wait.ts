import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Gives up (and throws, naming `what`) after this long. */
  timeoutMs?: number;
  /** Pause between two checks. */
  intervalMs?: number;
  /** What is awaited, for the error message. */
  what?: string;
}

/**
 * Waits until `condition` holds (returns true, or a value that is neither false, null nor undefined) and returns
 * that value; checks again every `intervalMs`, and throws after `timeoutMs`. For tests: wait on what should happen,
 * never for a fixed time. An error thrown by the condition ends the wait at once.
 *
 * @example const job = await waitFor(async () => { const j = await getJob(db, id); return j?.status === 'done' && j; });
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 20, what = 'the condition' }: WaitOptions = {},
): Promise<Exclude<T, false | null | undefined>> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== false && value !== null && value !== undefined) return value as Exclude<T, false | null | undefined>;
    if (performance.now() > until) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
