/**
 * What the services ask of a thread's coordinator, as an interface, so they need not know it
 * is a Durable Object (src/coordination/thread-coordinator.ts is the real one; a test can pass
 * a fake). KV cannot compare-and-swap, so every decision that must be atomic for a thread is
 * made here, one at a time, before the service writes the outcome to KV (the store of record):
 * whether a run may start or a message be added, whether cancel or submit_tool_outputs wins,
 * whether a finished turn may be committed. The coordinator also keeps the thread's message
 * index (ids, in order, with their run), so a page of messages costs one KV read per message.
 *
 * Every call carries `now` (Unix seconds) from the caller's clock, so expiry follows the same
 * clock as the run objects, and a test's fixed clock holds in the coordinator too.
 */
import type { PageQuery } from "../wire/pagination";

/** A message to add to the index: its id (time-sortable) and the run that wrote it, if any. */
export interface IndexedMessage {
  id: string;
  runId: string | null;
}

/** Adding messages, opening a new thread, and/or starting a run: one atomic step. */
export interface Admission {
  now: number;
  messages: readonly IndexedMessage[];
  /** A run to make the thread's active run (in progress until `expiresAt`). */
  run?: { id: string; expiresAt: number };
  /** The thread is new: its index is complete from here on (see `pageMessages`). */
  open?: boolean;
}

/** Refused: a run holds the thread (queued, in progress, awaiting tool outputs or cancelling). */
export type AdmitResult = { ok: true } | { ok: false; activeRunId: string };

/** The status a run ends a turn with. */
export type TurnEnd = "requires_action" | "completed" | "failed" | "incomplete";

/** The statuses the coordinator reports for a run that no longer holds the thread. */
export type SettledStatus = "completed" | "failed" | "incomplete" | "cancelled" | "expired";

/**
 * A finished turn: committed (write it), or refused because a cancel came first (write the run
 * as `cancelled`, nothing else) or the run expired or no longer holds the thread (write nothing
 * of the turn).
 */
export type CommitResult = { committed: true } | { committed: false; status: SettledStatus | null };

/**
 * Cancel: `cancelling` (a generation is running; it will record `cancelled` instead of its
 * turn), `cancelled` (nothing was running: the run is cancelled now), or refused with the
 * run's status as the coordinator knows it (null: it never held this thread).
 */
export type CancelResult = { outcome: "cancelling" | "cancelled" } | { outcome: "refused"; status: string | null };

/** Tool outputs accepted (the run is in progress again), or refused with the run's status. */
export type ResumeResult = { ok: true } | { ok: false; status: string | null };

/** Which page of the index to read: the list query plus an optional `run_id` filter. */
export interface IndexQuery extends PageQuery {
  runId?: string;
}

/** The ids of a page of messages, in the page's order. */
export interface IndexPage {
  ids: string[];
  hasMore: boolean;
}

/** One thread's coordinator. Each method is one request to it. */
export interface ThreadCoordination {
  admit(admission: Admission): Promise<AdmitResult>;
  /** Ends the active run's turn, adding its reply message (if any) to the index. */
  commitTurn(runId: string, end: TurnEnd, replyId: string | null, now: number): Promise<CommitResult>;
  cancel(runId: string, now: number): Promise<CancelResult>;
  resume(runId: string, now: number): Promise<ResumeResult>;
  /** A page of message ids, or null when the thread predates the index (list it from KV instead). */
  pageMessages(query: IndexQuery): Promise<IndexPage | null>;
  removeMessage(id: string): Promise<void>;
  /** The thread was deleted: drop everything. */
  forget(): Promise<void>;
}

/** The coordinator of a thread, by id. */
export type Coordinators = (threadId: string) => ThreadCoordination;
