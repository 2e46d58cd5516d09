/**
 * KV operations and coordinator (Durable Object) requests per request, asserted against the
 * numbers the README states. A run costs the same whatever the thread's length: writes happen
 * at state changes, never per delta, and no key is written twice in one turn (KV allows one
 * write per second per key, so a second write would have to wait). The thread's coordinator
 * decides the lock and the commit (one request each), so no KV read is spent on either; a page
 * of messages costs one read per message on it, whatever the thread's length.
 */
import { describe, expect, it } from "vitest";
import type { TestWorker } from "../../helpers/worker";
import { topicStore } from "../files/helpers";
import { assistantsWorker, weatherTool } from "./helpers";

async function threadWith(n: number, w: TestWorker) {
  const thread = await w.client.beta.threads.create();
  for (let i = 0; i < n; i++)
    await w.client.beta.threads.messages.create(thread.id, { role: i % 2 ? "assistant" : "user", content: `message number ${i}` });
  return thread;
}

/** KV counts and coordinator requests since the last call, then reset. */
function cost(w: TestWorker) {
  return { ...w.kv.take(), threads: w.threads.take() };
}

describe("KV operations and coordinator requests", () => {
  it("adding a message: 1 read, 1 write, 1 coordinator request", async () => {
    const w = assistantsWorker();
    const thread = await w.client.beta.threads.create();
    cost(w);
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "hi" });
    expect(cost(w)).toEqual({ reads: 1, writes: 1, deletes: 0, lists: 0, threads: 1 });
  });

  it("listing messages: 1 read for the thread and 1 per message on the page, no list, 1 coordinator request", async () => {
    for (const [n, limit] of [
      [3, 100],
      [100, 100],
      [100, 20],
    ] as const) {
      const w = assistantsWorker();
      const thread = await threadWith(n, w);
      cost(w);
      const page = await w.client.beta.threads.messages.list(thread.id, { limit });
      expect(page.data).toHaveLength(Math.min(n, limit));
      expect(cost(w)).toEqual({ reads: 1 + Math.min(n, limit), writes: 0, deletes: 0, lists: 0, threads: 1 });
    }
  });

  it("a message too large for metadata costs the same one read when listed", async () => {
    const w = assistantsWorker();
    const thread = await w.client.beta.threads.create();
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "x".repeat(2000) });
    cost(w);
    await w.client.beta.threads.messages.list(thread.id);
    expect(cost(w)).toEqual({ reads: 2, writes: 0, deletes: 0, lists: 0, threads: 1 });
  });

  it("a run turn: 2 reads, 3 writes (each to a different key), 1 list, 2 coordinator requests — on a 3- or 100-message thread", async () => {
    for (const n of [3, 100]) {
      const w = assistantsWorker();
      const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
      const thread = await threadWith(n, w);
      cost(w);
      await w.client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      await w.settle();
      expect(new Set(w.kv.writtenKeys).size).toBe(w.kv.writtenKeys.length);
      expect(w.threads.calls).toEqual(["admit", "commitTurn"]);
      expect(cost(w)).toEqual({ reads: 2, writes: 3, deletes: 0, lists: 1, threads: 2 });
    }
  });

  it("a run turn on 150 messages too large for metadata: their reads are 2 bulk reads, not 150 operations", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await w.client.beta.threads.create();
    const big = "x".repeat(1500);
    for (let i = 0; i < 150; i++) await w.client.beta.threads.messages.create(thread.id, { role: "user", content: `${i} ${big}` });
    cost(w);
    const run = await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe("completed");
    await w.settle();
    // Billed reads: one per message (KV bills bulk reads per key); operations against the
    // invocation's 1,000: the turn's own few, the listing, and two bulk reads of the history.
    expect(w.kv.counts.reads).toBeGreaterThanOrEqual(150);
    expect(w.kv.operations).toBeLessThan(20);
  });

  it("a run turn with file_search: the turn's cost, plus 1 read and 1 list per vector store and 1 read per file searched", async () => {
    const w = assistantsWorker();
    const { store } = await topicStore(w);
    const assistant = await w.client.beta.assistants.create({
      model: "gpt-4o",
      tools: [{ type: "file_search" }],
      tool_resources: { file_search: { vector_store_ids: [store.id] } },
    });
    const thread = await threadWith(3, w);
    await w.settle();
    cost(w);
    await w.client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await w.settle();
    expect(new Set(w.kv.writtenKeys).size).toBe(w.kv.writtenKeys.length);
    // Run create reads the assistant and the thread (its tool_resources); the turn lists the
    // messages, then the search reads the store, lists its files and reads 3 chunk packs.
    expect(cost(w)).toEqual({ reads: 2 + 1 + 3, writes: 3, deletes: 0, lists: 1 + 1, threads: 2 });
  });

  it("after a run, adding a message or starting the next run costs the same as before it", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await threadWith(2, w);
    await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    await w.settle();
    cost(w);
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "again" });
    expect(cost(w)).toEqual({ reads: 1, writes: 1, deletes: 0, lists: 0, threads: 1 });
    await w.client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await w.settle();
    expect(cost(w)).toEqual({ reads: 2, writes: 3, deletes: 0, lists: 1, threads: 2 });
  });

  it("a streamed run costs the same as a polled one", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await threadWith(5, w);
    cost(w);
    await w.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).finalRun();
    await w.settle();
    expect(cost(w)).toEqual({ reads: 2, writes: 3, deletes: 0, lists: 1, threads: 2 });
  });

  it("a function-tool round trip: the pause costs 2 reads, 2 writes; submitting 2 reads, 3 writes; 2 coordinator requests each", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: [weatherTool] });
    const thread = await threadWith(3, w);
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "get_weather in Lima" });
    cost(w);
    const run = await w.client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await w.settle();
    expect(cost(w)).toEqual({ reads: 2, writes: 2, deletes: 0, lists: 1, threads: 2 });
    const paused = await w.client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    cost(w);
    const call = paused.required_action!.submit_tool_outputs.tool_calls[0]!;
    await w.client.beta.threads.runs.submitToolOutputs(run.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: call.id, output: "warm" }],
    });
    await w.settle();
    expect(new Set(w.kv.writtenKeys).size).toBe(w.kv.writtenKeys.length);
    expect(w.threads.calls).toEqual(["resume", "commitTurn"]);
    expect(cost(w)).toEqual({ reads: 2, writes: 3, deletes: 0, lists: 1, threads: 2 });
  });
});
