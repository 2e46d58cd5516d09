/** Runs in KV: a run and its steps under one key, written only when the run changes state. */
import type { RunRecord } from "../assistants/types";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { listValues } from "./list-values";

export class RunsRepo {
  constructor(private readonly store: JsonKv) {}

  get(threadId: string, runId: string): Promise<RunRecord | null> {
    return this.store.get<RunRecord>(keys.run(threadId, runId));
  }

  put(record: RunRecord): Promise<void> {
    return this.store.put(keys.run(record.run.thread_id, record.run.id), record);
  }

  /** Every run of a thread, oldest first (one read per run: records are too large for metadata). */
  list(threadId: string): Promise<RunRecord[]> {
    return listValues<RunRecord>(this.store, keys.runPrefix(threadId));
  }
}
