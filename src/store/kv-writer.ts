/**
 * The one way this Worker writes or deletes a KV key, with the platform's rules built in.
 * KV allows one write per second to a key (else 429), so within an isolate:
 *
 * - writes and deletes of one key are serialized: each waits for the one before it (from any
 *   request in this isolate) to finish, so three concurrent writes go out one after another,
 *   in the order they were made, not at once;
 * - a write starts at least `spacingMs` after the previous write to that key finished;
 * - a 429 is retried twice, after one and then two spacings; other errors are thrown at once.
 *
 * `spacingMs: 0` turns all of that off (no waiting, no ordering, retries at once): for the
 * bench and for tests that are not about pacing. Time and waiting come from an injectable `Timer`.
 */
import { mapConcurrent } from "../util/map-concurrent";

export interface KvWriteOptions {
  expirationTtl?: number;
  metadata?: unknown;
}

/** A value KV stores as given: text or bytes (not a stream, which a retry could not send again). */
export type KvBody = string | ArrayBuffer | ArrayBufferView;

/** Where the layer reads time and waits (not util/clock's id-and-timestamp source); tests inject a virtual one. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface KvWriterOptions {
  /** Least time between two writes to one key; KV's limit is 1 s. 0 disables pacing. */
  spacingMs?: number;
  timer?: Timer;
  /**
   * What the namespace prefixes keys with (a project's `p/{project}/`, project-kv.ts), so a
   * lane is one stored key: two projects' same-named keys are different keys to KV.
   */
  keyPrefix?: string;
}

/** Writes one request keeps in flight at once when it writes many keys (a Worker has six connections). */
export const KV_WRITE_CONCURRENCY = 6;

/** Attempts per write: the first and two retries on 429. */
const MAX_ATTEMPTS = 3;

/**
 * How long a write waits for the one queued before it. That one can only take longer if its
 * request was cancelled mid-write (its continuation then never runs); the queue must not hang.
 */
const QUEUE_WAIT_LIMIT_MS = 10_000;

/** Lanes kept for keys written recently; above this, idle ones are dropped. */
const MAX_LANES = 1000;

/** One key's queue in this isolate. */
interface Lane {
  /** Settles when the last write queued on this key has finished. */
  tail: Promise<void>;
  /** Writes queued or in flight. */
  queued: number;
  /** When the last attempt on this key finished (timer time). */
  lastWriteAt: number | undefined;
}

const lanes = new Map<string, Lane>();

export class KvWriter {
  readonly #spacingMs: number;
  readonly #timer: Timer;
  readonly #keyPrefix: string;

  constructor(
    readonly kv: KVNamespace,
    options: KvWriterOptions = {},
  ) {
    this.#spacingMs = Math.max(0, options.spacingMs ?? 1000);
    this.#timer = options.timer ?? systemTimer;
    this.#keyPrefix = options.keyPrefix ?? "";
  }

  /** Stores `body` under `key`, paced and retried. */
  put(key: string, body: KvBody, options: KvWriteOptions = {}): Promise<void> {
    return this.#write(key, () => this.kv.put(key, body, options));
  }

  delete(key: string): Promise<void> {
    return this.#write(key, () => this.kv.delete(key));
  }

  /** `write` over every item, at most KV_WRITE_CONCURRENCY at a time; the first failure rejects. */
  async writeAll<T>(items: readonly T[], write: (item: T) => Promise<unknown>): Promise<void> {
    await mapConcurrent(items, KV_WRITE_CONCURRENCY, write);
  }

  async #write(key: string, attempt: () => Promise<void>): Promise<void> {
    if (this.#spacingMs === 0) return this.#withRetry(attempt, undefined);
    const lane = laneOf(this.#keyPrefix + key);
    const before = lane.queued > 0 ? lane.tail : undefined;
    let release = () => {};
    lane.tail = new Promise((resolve) => {
      release = resolve;
    });
    lane.queued++;
    try {
      if (before) await settledWithin(before, QUEUE_WAIT_LIMIT_MS);
      await this.#waitForSpacing(lane);
      await this.#withRetry(attempt, lane);
    } finally {
      lane.queued--;
      release();
      if (lanes.size > MAX_LANES) this.#dropIdleLanes();
    }
  }

  async #withRetry(attempt: () => Promise<void>, lane: Lane | undefined): Promise<void> {
    for (let n = 1; ; n++) {
      const failure = await attempt().then(
        () => undefined,
        (err: unknown) => ({ err }),
      );
      if (lane) lane.lastWriteAt = this.#timer.now();
      if (!failure) return;
      if (n >= MAX_ATTEMPTS || !isRateLimited(failure.err)) throw failure.err;
      if (this.#spacingMs > 0) await this.#timer.sleep(this.#spacingMs * n);
    }
  }

  async #waitForSpacing(lane: Lane): Promise<void> {
    if (lane.lastWriteAt === undefined) return;
    const wait = lane.lastWriteAt + this.#spacingMs - this.#timer.now();
    if (wait > 0) await this.#timer.sleep(wait);
  }

  #dropIdleLanes(): void {
    const now = this.#timer.now();
    for (const [key, lane] of lanes) {
      if (lane.queued === 0 && (lane.lastWriteAt === undefined || now - lane.lastWriteAt >= this.#spacingMs)) lanes.delete(key);
    }
  }
}

function laneOf(key: string): Lane {
  let lane = lanes.get(key);
  if (!lane) {
    lane = { tail: Promise.resolve(), queued: 0, lastWriteAt: undefined };
    lanes.set(key, lane);
  }
  return lane;
}

/** Waits for `promise` (whatever its outcome), or `ms` at most. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function isRateLimited(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /\b429\b|too many requests/i.test(text);
}
