/**
 * The per-issued-key Durable Object (one per key id, SQLite-backed, so it runs on the Workers
 * Free plan), bound as `KEY_LIMITS`: requests per minute, tokens per day, revocation and usage
 * per day per model for one key, strongly consistent because every request with that key
 * asks this one object. KV could not do this (no atomic increment, one write a second per
 * key, a write per request is the free plan's whole day in 1,000 requests).
 *
 * Per request: `admit` (one DO request) before the handler, `record` (one more) once a
 * generation's usage is known. Storage writes: the minute window when the key has a
 * requests-per-minute limit, one usage row upsert per `record`, the last-used day once a day.
 * The admin API reaches the object to revoke or edit (`configure`, effective at the next
 * request) and to read usage (`usage`).
 */
import { DurableObject } from "cloudflare:workers";
import type { IssuedKeyPolicy } from "../wire/admin-keys";
import {
  type Admission,
  type UsageEntry,
  type UsageTotal,
  type Window,
  currentWindow,
  requestState,
  untilUtcMidnight,
  utcDay,
} from "./limits";

/** What the admin API last said about the key: its policy and when it was revoked. */
interface Override {
  policy: IssuedKeyPolicy;
  revoked_at: number | null;
}

export class KeyLimiter extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  #window: Window | undefined;
  #override: Override | null | undefined;
  #lastUsedDay: string | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec(
      "CREATE TABLE IF NOT EXISTS usage (day TEXT NOT NULL, model TEXT NOT NULL, requests INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, PRIMARY KEY (day, model)) WITHOUT ROWID",
    );
    this.#sql.exec("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
  }

  /** Decides one request at `now` (ms): revoked, expired, over a limit, or admitted (and counted). */
  admit(now: number, policy: IssuedKeyPolicy): Admission {
    const override = this.#getOverride();
    const effective = override?.policy ?? policy;
    if (override?.revoked_at != null) return { refusal: "revoked", policy: effective };
    if (effective.expires_at !== null && effective.expires_at * 1000 <= now) return { refusal: "expired", policy: effective };

    const out: Admission = { refusal: null, policy: effective };
    const day = utcDay(now);
    if (effective.tokens_per_day !== null) {
      const used = this.#tokensOn(day);
      const limit = effective.tokens_per_day;
      out.tokens = { limit, used, remaining: Math.max(0, limit - used), resetMs: untilUtcMidnight(now) };
      if (used >= limit) out.refusal = "tokens";
    }
    if (effective.requests_per_minute !== null) {
      const window = currentWindow(this.#getWindow(), now);
      const limit = effective.requests_per_minute;
      if (out.refusal === null && window.count < limit) {
        window.count++;
        this.#setWindow(window);
      } else if (out.refusal === null) {
        out.refusal = "requests";
      }
      out.requests = requestState(window, limit, now);
    }
    if (out.refusal === null && this.#getLastUsedDay() !== day) {
      this.#lastUsedDay = day;
      this.#setMeta("last_used_day", day);
    }
    return out;
  }

  /** Adds a generation's usage to its day and model. */
  record(entry: UsageEntry): void {
    this.#sql.exec(
      `INSERT INTO usage (day, model, requests, input_tokens, output_tokens) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, model) DO UPDATE SET requests = requests + excluded.requests,
         input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens`,
      entry.day,
      entry.model,
      entry.requests,
      entry.input_tokens,
      entry.output_tokens,
    );
  }

  /** Usage per day per model from `sinceDay` (inclusive), oldest day first, and the last day the key was used. */
  usage(sinceDay: string): { rows: UsageTotal[]; last_used_day: string | null } {
    const rows = this.#sql
      .exec<{ day: string; model: string; requests: number; input_tokens: number; output_tokens: number }>(
        "SELECT day, model, requests, input_tokens, output_tokens FROM usage WHERE day >= ? ORDER BY day, model",
        sinceDay,
      )
      .toArray()
      .map((r) => ({ ...r }));
    return { rows, last_used_day: this.#getLastUsedDay() };
  }

  /** The admin API's word on the key (edit, revoke): wins over the copy requests carry from the isolate cache. */
  configure(policy: IssuedKeyPolicy, revokedAt: number | null): void {
    this.#override = { policy, revoked_at: revokedAt };
    this.#setMeta("override", JSON.stringify(this.#override));
  }

  #tokensOn(day: string): number {
    const row = this.#sql
      .exec<{ total: number | null }>("SELECT SUM(input_tokens + output_tokens) AS total FROM usage WHERE day = ?", day)
      .one();
    return row.total ?? 0;
  }

  #getOverride(): Override | null {
    if (this.#override === undefined) {
      const raw = this.#getMeta("override");
      this.#override = raw === null ? null : (JSON.parse(raw) as Override);
    }
    return this.#override;
  }

  #getWindow(): Window | undefined {
    if (this.#window === undefined) {
      const raw = this.#getMeta("window");
      this.#window = raw === null ? undefined : (JSON.parse(raw) as Window);
    }
    return this.#window;
  }

  #setWindow(window: Window): void {
    this.#window = window;
    this.#setMeta("window", JSON.stringify(window));
  }

  #getLastUsedDay(): string | null {
    if (this.#lastUsedDay === undefined) this.#lastUsedDay = this.#getMeta("last_used_day");
    return this.#lastUsedDay;
  }

  #getMeta(name: string): string | null {
    const rows = this.#sql.exec<{ value: string }>("SELECT value FROM meta WHERE name = ?", name).toArray();
    return rows[0]?.value ?? null;
  }

  #setMeta(name: string, value: string): void {
    this.#sql.exec("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", name, value);
  }
}
