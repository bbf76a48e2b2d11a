import { useEffect, useState } from 'react';
import { ApiError } from '../../../lib/problem-details.js';

/** The wait of a `login_throttled` answer (429, `retryAfter` seconds), or 0 for any other outcome. */
export function waitOf(error: unknown): number {
  if (!(error instanceof ApiError) || error.code !== 'login_throttled') return 0;
  const seconds = error.extensions.retryAfter;
  return typeof seconds === 'number' && seconds > 0 ? seconds : 0;
}

/**
 * Seconds left of the wait the server imposed after too many wrong passwords, counting down once a second from
 * when the answer arrived; 0 when there is none (or it is over).
 */
export function useWaitCountdown(error: unknown): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    const seconds = waitOf(error);
    setLeft(seconds);
    if (seconds === 0) return;
    const until = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const rest = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(rest);
      if (rest === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [error]);
  return left;
}

/** A wait as the user reads it: "2분 30초" / "2 min 30 s". */
export function waitText(seconds: number, language: string): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (language === 'en') return m === 0 ? `${s} s` : s === 0 ? `${m} min` : `${m} min ${s} s`;
  return m === 0 ? `${s}초` : s === 0 ? `${m}분` : `${m}분 ${s}초`;
}
