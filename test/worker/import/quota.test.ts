/**
 * KV's write quota during an import (the free plan's 1,000 writes a day, or a 429 that
 * outlasts the write layer's retries): the unit stops cleanly with 429 `kv_write_limit` and
 * what was written, the thread stays invisible until its history is complete (the thread key
 * is written last), and running the same import again finishes it without writing anything
 * twice: the writes over both attempts are exactly the dry run's count.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { importWorker, postImport, syntheticThread } from "./helpers";

/** The CACHE namespace with a write budget: puts beyond it fail as KV's daily limit does. */
function budgetedKv(inner: KVNamespace) {
  const state = { budget: Number.POSITIVE_INFINITY, stored: [] as string[] };
  const kv = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "put") {
        return (...args: unknown[]) => {
          if (state.budget <= 0) return Promise.reject(new Error("KV put() limit exceeded for the day."));
          state.budget--;
          state.stored.push(String(args[0]));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { kv, state };
}

describe("an import stopped by KV's write quota", () => {
  it("answers 429 with what was done, and a re-run resumes without duplicates", async () => {
    const budgeted = budgetedKv((env as unknown as { CACHE: KVNamespace }).CACHE);
    const w = importWorker(undefined, { CACHE: budgeted.kv });
    const thread = syntheticThread(4);
    const dry = await postImport(w, { kind: "thread", dry_run: true, thread });
    expect(dry.body.counts.kv_writes).toBe(3);
    budgeted.state.budget = 1;
    const stopped = await postImport(w, { kind: "thread", thread });
    expect(stopped.status).toBe(429);
    expect(stopped.body.error).toMatchObject({ type: "rate_limit_error", code: "kv_write_limit" });
    expect(stopped.body.error?.message).toContain("Run the same import again");
    expect(stopped.body.result?.results).toEqual([{ object_id: thread.thread_id, status: "partial", kv_writes: 1 }]);
    // The history is stored, the thread not yet: it is not visible half-imported.
    await expect(w.client.beta.threads.retrieve(thread.thread_id)).rejects.toMatchObject({ status: 404 });

    budgeted.state.budget = Number.POSITIVE_INFINITY;
    const resumed = await postImport(w, { kind: "thread", thread });
    expect(resumed.status).toBe(200);
    expect(resumed.body.results).toEqual([{ object_id: thread.thread_id, status: "created", kv_writes: 2 }]);
    // Every key stored once over both attempts (1 before the stop, 2 on the re-run): the dry run's count.
    expect(budgeted.state.stored).toHaveLength(dry.body.counts.kv_writes);
    expect(new Set(budgeted.state.stored).size).toBe(3);

    const listed = await w.client.beta.threads.messages.list(thread.thread_id, { order: "asc" });
    expect(listed.data.map((m) => m.id)).toEqual(thread.messages.map((m) => m.id));
    const again = await postImport(w, { kind: "thread", thread });
    expect(again.body.results).toEqual([{ object_id: thread.thread_id, status: "unchanged", kv_writes: 0 }]);
  });
});
