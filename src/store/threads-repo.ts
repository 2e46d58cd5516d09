/** Threads in KV. (A thread's active-run marker belongs to the runs repository.) */
import type { ThreadObject } from "../wire/assistants";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { deletePrefix } from "./list-values";

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
      this.store.delete(keys.activeRun(id)),
    ]);
  }
}
