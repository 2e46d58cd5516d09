/**
 * The Durable Object that rate-limits admin sign-in (one object per client IP, SQLite-backed,
 * so it runs on the Workers Free plan): at most FAILURES_ALLOWED wrong passwords in a sliding
 * WINDOW_MS, counting console sign-ins and Bearer ADMIN_PASSWORD attempts alike. While the
 * limit holds, every attempt from that IP is refused, the right password included, so
 * guessing learns nothing from the answer. Right passwords are not counted: scripts and the
 * console are never slowed down by their own successes.
 *
 * The caller checks the password first and reports the outcome in the same call (`attempt`),
 * so each attempt costs one Durable Object request and the decision is atomic per IP.
 */
import { DurableObject } from "cloudflare:workers";

export const FAILURES_ALLOWED = 5;
export const WINDOW_MS = 60_000;

export interface AttemptVerdict {
  /** False: refuse the attempt (429), whatever its password. */
  allowed: boolean;
  /** Seconds until an attempt may be made again; 0 when allowed. */
  retryAfterSeconds: number;
}

export class AdminSignInGuard extends DurableObject<Env> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec("CREATE TABLE IF NOT EXISTS failure (at INTEGER NOT NULL)");
  }

  /** Records the outcome of one attempt made at `now` (ms) and says whether to honour it. */
  attempt(succeeded: boolean, now: number): AttemptVerdict {
    this.#sql.exec("DELETE FROM failure WHERE at <= ?", now - WINDOW_MS);
    const rows = this.#sql.exec<{ at: number }>("SELECT at FROM failure ORDER BY at").toArray();
    if (rows.length >= FAILURES_ALLOWED) {
      const oldest = rows[rows.length - FAILURES_ALLOWED]?.at ?? now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
    }
    if (!succeeded) this.#sql.exec("INSERT INTO failure (at) VALUES (?)", now);
    return { allowed: true, retryAfterSeconds: 0 };
  }
}
