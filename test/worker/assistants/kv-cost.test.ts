/**
 * KV operations per request, asserted against the numbers the README states. A run costs the
 * same whatever the thread's length: writes happen at state changes, never per delta, small
 * messages are read from the listing's metadata, and no key is written twice in one turn
 * (KV allows one write per second per key, so a second write would have to wait).
 */
import { describe, expect, it } from "vitest";
import { assistantsWorker, weatherTool } from "./helpers";

async function threadWith(n: number, w: ReturnType<typeof assistantsWorker>) {
  const thread = await w.client.beta.threads.create();
  for (let i = 0; i < n; i++)
    await w.client.beta.threads.messages.create(thread.id, { role: i % 2 ? "assistant" : "user", content: `message number ${i}` });
  return thread;
}

describe("KV operations", () => {
  it("adding a message: 2 reads, 1 write", async () => {
    const w = assistantsWorker();
    const thread = await w.client.beta.threads.create();
    w.kv.reset();
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "hi" });
    expect(w.kv.take()).toEqual({ reads: 2, writes: 1, deletes: 0, lists: 0 });
  });

  it("listing messages: 1 read and 1 list, for 3 or 100 messages", async () => {
    for (const n of [3, 100]) {
      const w = assistantsWorker();
      const thread = await threadWith(n, w);
      w.kv.reset();
      const page = await w.client.beta.threads.messages.list(thread.id, { limit: 100 });
      expect(page.data).toHaveLength(n);
      expect(w.kv.take()).toEqual({ reads: 1, writes: 0, deletes: 0, lists: 1 });
    }
  });

  it("a message too large for metadata costs one extra read when listed", async () => {
    const w = assistantsWorker();
    const thread = await w.client.beta.threads.create();
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "x".repeat(2000) });
    w.kv.reset();
    await w.client.beta.threads.messages.list(thread.id);
    expect(w.kv.take()).toEqual({ reads: 2, writes: 0, deletes: 0, lists: 1 });
  });

  it("a run turn: 5 reads, 3 writes (each to a different key), 1 list — on a 3- or 100-message thread", async () => {
    for (const n of [3, 100]) {
      const w = assistantsWorker();
      const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
      const thread = await threadWith(n, w);
      w.kv.reset();
      await w.client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      await w.settle();
      expect(new Set(w.kv.writtenKeys).size).toBe(w.kv.writtenKeys.length);
      expect(w.kv.take()).toEqual({ reads: 5, writes: 3, deletes: 0, lists: 1 });
    }
  });

  it("after a run, the thread's marker costs one more read to add a message or start the next run", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await threadWith(2, w);
    await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    await w.settle();
    w.kv.reset();
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "again" });
    expect(w.kv.take()).toEqual({ reads: 3, writes: 1, deletes: 0, lists: 0 });
    await w.client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await w.settle();
    expect(w.kv.take()).toEqual({ reads: 6, writes: 3, deletes: 0, lists: 1 });
  });

  it("a streamed run costs the same as a polled one", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await threadWith(5, w);
    w.kv.reset();
    await w.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).finalRun();
    await w.settle();
    expect(w.kv.take()).toEqual({ reads: 5, writes: 3, deletes: 0, lists: 1 });
  });

  it("a function-tool round trip: the pause costs 5 reads, 2 writes; submitting 4 reads, 3 writes", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: [weatherTool] });
    const thread = await threadWith(3, w);
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "get_weather in Lima" });
    w.kv.reset();
    const run = await w.client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await w.settle();
    expect(w.kv.take()).toEqual({ reads: 5, writes: 2, deletes: 0, lists: 1 });
    const paused = await w.client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    w.kv.reset();
    const call = paused.required_action!.submit_tool_outputs.tool_calls[0]!;
    await w.client.beta.threads.runs.submitToolOutputs(run.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: call.id, output: "warm" }],
    });
    await w.settle();
    expect(new Set(w.kv.writtenKeys).size).toBe(w.kv.writtenKeys.length);
    expect(w.kv.take()).toEqual({ reads: 4, writes: 3, deletes: 0, lists: 1 });
  });
});
