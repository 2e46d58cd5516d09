/**
 * The per-thread Durable Object (one per thread id, SQLite-backed, so it runs on the Workers
 * Free plan): the single place where a thread's run lock, cancel, tool-output submission and
 * turn commits are decided, in order. KV has no compare-and-swap, so a check-then-write in KV
 * lets two requests both win; here each method runs to completion before the next starts (its
 * storage calls are synchronous SQLite, with no await in between), so exactly one wins.
 *
 * State: the thread's active run (`slot`: id, status, expiry), the final status of runs that
 * held the thread (so a late cancel or submit is refused with the right status), whether the
 * thread was created under the index (`meta`), and the message index (message-index.ts).
 * KV stays the store of record for threads, messages and runs; services write there after
 * the coordinator has agreed. The methods are called over RPC (src/coordination/durable.ts).
 */
import { DurableObject } from "cloudflare:workers";
import type {
  AdmitResult,
  Admission,
  CancelResult,
  CommitResult,
  IndexPage,
  IndexQuery,
  ResumeResult,
  SettledStatus,
  TurnEnd,
} from "./coordination";
import { MessageIndex } from "./message-index";

/** The run holding the thread. `in_progress` covers queued too: generation starts in the same request. */
interface Slot {
  run_id: string;
  status: "in_progress" | "requires_action" | "cancelling";
  expires_at: number;
}

export class ThreadCoordinator extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  #index: MessageIndex;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#index = this.#createTables();
  }

  /** The tables (again after `forget`: a thread id can come back, e.g. re-imported from an export). */
  #createTables(): MessageIndex {
    this.#sql.exec(
      "CREATE TABLE IF NOT EXISTS slot (one INTEGER PRIMARY KEY CHECK (one = 1), run_id TEXT NOT NULL, status TEXT NOT NULL, expires_at INTEGER NOT NULL)",
    );
    this.#sql.exec("CREATE TABLE IF NOT EXISTS settled (run_id TEXT PRIMARY KEY, status TEXT NOT NULL) WITHOUT ROWID");
    this.#sql.exec("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
    return new MessageIndex(this.#sql);
  }

  /** Adds messages and/or starts a run, unless a run holds the thread. */
  admit(admission: Admission): AdmitResult {
    const active = this.#active(admission.now);
    if (active) return { ok: false, activeRunId: active.run_id };
    if (admission.open) this.#sql.exec("INSERT OR REPLACE INTO meta (name, value) VALUES ('indexed', '1')");
    this.#index.add(admission.messages);
    if (admission.run) this.#setSlot({ run_id: admission.run.id, status: "in_progress", expires_at: admission.run.expiresAt });
    return { ok: true };
  }

  /**
   * Ends the turn of the generating run: committed only while that run still holds the thread,
   * in progress. A cancel that came first turns the run `cancelled` here instead.
   */
  commitTurn(runId: string, end: TurnEnd, replyId: string | null, now: number): CommitResult {
    const slot = this.#active(now);
    if (slot?.run_id !== runId || slot.status === "requires_action") return { committed: false, status: this.#settledStatus(runId) };
    if (slot.status === "cancelling") {
      this.#settle(runId, "cancelled");
      return { committed: false, status: "cancelled" };
    }
    if (replyId) this.#index.add([{ id: replyId, runId }]);
    if (end === "requires_action") this.#setSlot({ ...slot, status: "requires_action" });
    else this.#settle(runId, end);
    return { committed: true };
  }

  /** Cancels the active run: at once when it waits for tool outputs, else when its turn ends. */
  cancel(runId: string, now: number): CancelResult {
    const slot = this.#active(now);
    if (slot?.run_id !== runId) return { outcome: "refused", status: this.#settledStatus(runId) };
    if (slot.status === "requires_action") {
      this.#settle(runId, "cancelled");
      return { outcome: "cancelled" };
    }
    if (slot.status === "cancelling") return { outcome: "refused", status: "cancelling" };
    this.#setSlot({ ...slot, status: "cancelling" });
    return { outcome: "cancelling" };
  }

  /** Accepts tool outputs for the active run while it waits for them. */
  resume(runId: string, now: number): ResumeResult {
    const slot = this.#active(now);
    if (slot?.run_id !== runId) return { ok: false, status: this.#settledStatus(runId) };
    if (slot.status !== "requires_action") return { ok: false, status: slot.status };
    this.#setSlot({ ...slot, status: "in_progress" });
    return { ok: true };
  }

  /** A page of message ids; null when the thread was created before the index existed. */
  pageMessages(query: IndexQuery): IndexPage | null {
    const indexed = this.#sql.exec("SELECT 1 FROM meta WHERE name = 'indexed'").toArray().length > 0;
    return indexed ? this.#index.page(query) : null;
  }

  removeMessage(id: string): void {
    this.#index.remove(id);
  }

  /** The thread was deleted: nothing of it remains. */
  async forget(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.#index = this.#createTables();
  }

  /** The run holding the thread; a run past its expiry is settled (and frees the thread) first. */
  #active(now: number): Slot | undefined {
    const slot = this.#sql
      .exec<{ run_id: string; status: string; expires_at: number }>("SELECT run_id, status, expires_at FROM slot")
      .toArray()[0] as Slot | undefined;
    if (slot && now >= slot.expires_at) {
      this.#settle(slot.run_id, slot.status === "cancelling" ? "cancelled" : "expired");
      return undefined;
    }
    return slot;
  }

  #setSlot(slot: Slot): void {
    this.#sql.exec(
      "INSERT OR REPLACE INTO slot (one, run_id, status, expires_at) VALUES (1, ?, ?, ?)",
      slot.run_id,
      slot.status,
      slot.expires_at,
    );
  }

  /** Records a run's final status and frees the thread. */
  #settle(runId: string, status: SettledStatus): void {
    this.#sql.exec("INSERT OR REPLACE INTO settled (run_id, status) VALUES (?, ?)", runId, status);
    this.#sql.exec("DELETE FROM slot WHERE run_id = ?", runId);
  }

  #settledStatus(runId: string): SettledStatus | null {
    const row = this.#sql.exec<{ status: string }>("SELECT status FROM settled WHERE run_id = ?", runId).toArray()[0];
    return (row?.status as SettledStatus | undefined) ?? null;
  }
}
