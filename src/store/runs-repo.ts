/**
 * Runs in KV. A run's state lives in one of two places, so that a turn writes each key at
 * most once (KV allows one write per second per key) and no key needs deleting:
 *
 * - `active/{thread_id}`, the thread's active-run marker, holds the run while it is being
 *   generated (written when a run starts, when tool outputs resume it, and on cancel while it
 *   generates); it expires shortly after the run would. (Whether a run holds the thread is the
 *   thread's coordinator's to say, not the marker's: see src/coordination.)
 * - `run/{thread_id}/{run_id}` holds the run once a turn ends (completed, failed, incomplete,
 *   cancelled, or paused in requires_action).
 *
 * Reads take a final state under the run's own key over the marker; otherwise whichever copy
 * has the higher `revision`. Runs imported from an OpenAI export live together in one value
 * under the thread's prefix (imported-history-repo.ts), read when a run has no copy of its own.
 */
import { isLive, type RunRecord } from "../wire/assistants";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { type ImportedRuns, mergeListedRuns } from "./imported-history-repo";
import { listValues } from "./list-values";

interface Marker {
  run_id: string;
  /** Unix seconds; after this the run no longer holds the thread. */
  expires_at: number;
  record: RunRecord;
}

export class RunsRepo {
  constructor(private readonly store: JsonKv) {}

  /** The current state of a run: 1 read, or 2 while the run is live (3 for an imported run). */
  async get(threadId: string, runId: string): Promise<RunRecord | null> {
    const stored = await this.store.get<RunRecord>(keys.run(threadId, runId));
    if (stored && !isLive(stored.run)) return stored;
    const marker = await this.store.get<Marker>(keys.activeRun(threadId));
    const current = newer(stored, marker?.run_id === runId ? marker.record : null);
    if (current) return current;
    const imported = await this.store.get<ImportedRuns>(keys.importedRuns(threadId));
    return imported?.data.find((r) => r.run.id === runId) ?? null;
  }

  /** Stores a run that is being generated (or being cancelled while it generates), in the thread's marker. */
  async putActive(record: RunRecord, now: number): Promise<RunRecord> {
    const next = bump(record);
    const expires = next.run.expires_at ?? now;
    // KV's minimum TTL is 60 s; the marker also self-heals if a Worker dies mid-run.
    const ttl = Math.max(60, expires - now + 60);
    await this.store.put(keys.activeRun(next.run.thread_id), { run_id: next.run.id, expires_at: expires, record: next } satisfies Marker, {
      expirationTtl: ttl,
    });
    return next;
  }

  /** Stores a run whose turn ended (or paused for tool outputs) under its own key. */
  async put(record: RunRecord): Promise<RunRecord> {
    const next = bump(record);
    await this.store.put(keys.run(next.run.thread_id, next.run.id), next);
    return next;
  }

  /** Every run of a thread, oldest first, including one still being generated. */
  async list(threadId: string): Promise<RunRecord[]> {
    const [stored, marker] = await Promise.all([
      listValues<RunRecord | ImportedRuns>(this.store, keys.runPrefix(threadId)).then(mergeListedRuns),
      this.store.get<Marker>(keys.activeRun(threadId)),
    ]);
    if (!marker) return stored;
    const i = stored.findIndex((r) => r.run.id === marker.run_id);
    if (i === -1) return [...stored, marker.record];
    stored[i] = newer(stored[i] ?? null, marker.record) ?? marker.record;
    return stored;
  }
}

function bump(record: RunRecord): RunRecord {
  return { ...record, revision: (record.revision ?? 0) + 1 };
}

/** The current of a run's two copies: `a` from its own key, `b` from the marker. */
function newer(a: RunRecord | null, b: RunRecord | null): RunRecord | null {
  if (!a) return b;
  if (!b || !isLive(a.run)) return a;
  return (b.revision ?? 0) > (a.revision ?? 0) ? b : a;
}
