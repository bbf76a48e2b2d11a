import { addressKey } from '../domain/sign-in-protection.js';

/**
 * Sign-in throttling per client address, on top of the progressive delay per name and address
 * (src/domain/sign-in-protection.ts): the delay stops guessing one name's password, this stops one address from
 * trying many names (password spraying).
 *
 * A token bucket per address: `perMinute` attempts at once, refilled at `perMinute` per minute. Every attempt takes a
 * token before the password is checked (so a burst of parallel attempts cannot all pass), and a successful sign-in
 * gives its token back (so a whole office behind one NAT address signing in at nine is not throttled; only failures
 * add up). IPv6 clients are counted per /64, the block one subscriber usually holds.
 *
 * The buckets live in this process's memory: with several app servers behind a load balancer each server counts on
 * its own, so an address gets up to `perMinute` attempts per server (documented in docs/operations.md); the
 * delay per name and address is in the database and holds across servers.
 */
export interface LoginThrottleOptions {
  perMinute: number;
  /** Bound on remembered addresses; full buckets are forgotten first. */
  maxAddresses?: number;
  now?: () => number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class LoginThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(opts: LoginThrottleOptions) {
    this.capacity = opts.perMinute;
    this.perMs = opts.perMinute / 60_000;
    this.maxAddresses = opts.maxAddresses ?? 100_000;
    this.now = opts.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Takes one attempt for the address, or says in how many seconds the next one is allowed. */
  take(address: string): TakeResult {
    if (!this.enabled) return { ok: true };
    const key = addressKey(address);
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      this.evictIfFull();
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Gives back the attempt of a successful sign-in. */
  refund(address: string): void {
    if (!this.enabled) return;
    const key = addressKey(address);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string): Bucket {
    const t = this.now();
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.capacity, at: t };
    b.tokens = Math.min(this.capacity, b.tokens + (t - b.at) * this.perMs);
    b.at = t;
    return b;
  }

  private evictIfFull(): void {
    if (this.buckets.size <= this.maxAddresses) return;
    const t = this.now();
    for (const [key, b] of this.buckets) {
      if (b.tokens + (t - b.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    }
    // Still too many (an attack from very many addresses): forget the oldest entries.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxAddresses) break;
      this.buckets.delete(key);
    }
  }
}
