/**
 * Threads in KV, and the marker of a thread's active run. The marker is its own key
 * (written when a run starts, deleted when it ends, expiring with the run) so that adding
 * a message needs one read to know the thread is free, and no shared document is rewritten.
 */
import type { ThreadObject } from "../assistants/types";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { deletePrefix } from "./list-values";

export interface ActiveRun {
  run_id: string;
  /** Unix seconds; after this the run no longer holds the thread. */
  expires_at: number;
}

export class ThreadsRepo {
  constructor(private readonly store: JsonKv) {}

  get(id: string): Promise<ThreadObject | null> {
    return this.store.get<ThreadObject>(keys.thread(id));
  }

  put(thread: ThreadObject): Promise<void> {
    return this.store.put(keys.thread(thread.id), thread);
  }

  /** Deletes the thread with its messages, runs and steps. */
  async delete(id: string): Promise<void> {
    await this.store.delete(keys.thread(id));
    await Promise.all([
      deletePrefix(this.store, keys.messagePrefix(id)),
      deletePrefix(this.store, keys.runPrefix(id)),
      this.store.kv.delete(keys.activeRun(id)),
    ]);
  }

  async activeRun(threadId: string, now: number): Promise<ActiveRun | null> {
    const active = await this.store.get<ActiveRun>(keys.activeRun(threadId));
    return active && active.expires_at > now ? active : null;
  }

  setActiveRun(threadId: string, active: ActiveRun, now: number): Promise<void> {
    // KV's minimum TTL is 60 s; the marker also self-heals if a Worker dies mid-run.
    const ttl = Math.max(60, active.expires_at - now + 60);
    return this.store.put(keys.activeRun(threadId), active, { expirationTtl: ttl });
  }

  clearActiveRun(threadId: string): Promise<void> {
    return this.store.delete(keys.activeRun(threadId));
  }
}
