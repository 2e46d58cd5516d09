/**
 * The shapes the per-key Durable Object (key-limiter.ts) and its callers exchange, and the
 * pure arithmetic of its limits, so the object itself is only storage around these rules:
 * requests per minute in a fixed one-minute window that opens with the first request after
 * the previous one closed, and tokens per UTC day against the day's recorded usage.
 */
import type { IssuedKeyPolicy } from "../wire/admin-keys";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** One limit's state after a decision, as the `x-ratelimit-*` headers report it. */
export interface LimitState {
  limit: number;
  remaining: number;
  /** Milliseconds until the limit resets (the window closes, or the UTC day ends). */
  resetMs: number;
}

/** What `admit` decided for one request. */
export interface Admission {
  /** Null when admitted; else why not. */
  refusal: null | "revoked" | "expired" | "requests" | "tokens";
  /** The policy in force: what the admin API last told the object, else the caller's copy. */
  policy: IssuedKeyPolicy;
  /** Requests-per-minute state; undefined when the policy sets no such limit. */
  requests?: LimitState;
  /** Tokens-per-day state; undefined when the policy sets no such limit. */
  tokens?: LimitState & { used: number };
}

/** One generation's use of one model, recorded after it finished. */
export interface UsageEntry {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  model: string;
  /** 1 for the first use of a model by a request, 0 for further generations in the same request. */
  requests: number;
  input_tokens: number;
  output_tokens: number;
}

/** One day's use of one model by a key. */
export interface UsageTotal {
  day: string;
  model: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
}

/** A requests-per-minute window: when it opened and how many requests it admitted. */
export interface Window {
  start: number;
  count: number;
}

/** `YYYY-MM-DD` (UTC) of a time in milliseconds. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Milliseconds from `ms` to the next UTC midnight. */
export function untilUtcMidnight(ms: number): number {
  return DAY_MS - (ms % DAY_MS);
}

/** The window a request at `now` falls in (a new one when the last has closed). */
export function currentWindow(window: Window | undefined, now: number): Window {
  return window && now < window.start + MINUTE_MS ? window : { start: now, count: 0 };
}

/** The requests-per-minute state of a window for a limit. */
export function requestState(window: Window, limit: number, now: number): LimitState {
  return { limit, remaining: Math.max(0, limit - window.count), resetMs: window.start + MINUTE_MS - now };
}

/** OpenAI's duration format for `x-ratelimit-reset-*`: `1s`, `6m0s`, `23h59m12s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/**
 * What the rest of the Worker asks of a key's limiter, as an interface (key-limiter.ts is the
 * Durable Object behind it; each call is one Durable Object request).
 */
export interface KeyLimits {
  admit(now: number, policy: IssuedKeyPolicy): Promise<Admission>;
  record(entry: UsageEntry): Promise<void>;
  usage(sinceDay: string): Promise<{ rows: UsageTotal[]; last_used_day: string | null }>;
  configure(policy: IssuedKeyPolicy, revokedAt: number | null): Promise<void>;
}

/** The limiter of each key id. */
export type KeyLimitsFor = (keyId: string) => KeyLimits;
