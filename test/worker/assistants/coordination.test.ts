/**
 * The thread coordinator under concurrency, through HTTP as clients see it: exactly one run
 * per thread whatever arrives at once (a run waiting for tool outputs holds the thread too),
 * cancel vs. submit_tool_outputs ending the same way every time, and a page of a long thread
 * costing KV reads by the page, not by the thread (list semantics kept).
 */
import { describe, expect, it } from "vitest";
import { createStores } from "../../../src/store";
import { newUserMessage, textContent } from "../../../src/assistants/objects";
import { paginate } from "../../../src/wire/pagination";
import { postJson, type TestWorker } from "../../helpers/worker";
import { assistantsWorker, weatherTool } from "./helpers";

async function runsOf(w: TestWorker, threadId: string) {
  return (await w.client.beta.threads.runs.list(threadId, { limit: 100 })).data;
}

describe("one active run per thread", () => {
  it("12 concurrent creates on one thread, and on 3 threads at once: one run each, the rest 400", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o" });
    const threads = await Promise.all([1, 2, 3].map(() => w.client.beta.threads.create({ messages: [{ role: "user", content: "hi" }] })));
    const responses = await Promise.all(
      threads.flatMap((t) => Array.from({ length: 12 }, () => postJson(w, `/threads/${t.id}/runs`, { assistant_id: assistant.id }))),
    );
    const statuses = responses.map((r) => r.status);
    for (const [i, t] of threads.entries()) {
      const mine = statuses.slice(i * 12, i * 12 + 12);
      expect(mine.filter((s) => s === 200)).toHaveLength(1);
      expect(mine.filter((s) => s === 400)).toHaveLength(11);
      await w.settle();
      expect(await runsOf(w, t.id)).toHaveLength(1);
    }
    const refused = (await responses.find((r) => r.status === 400)!.json()) as { error: { code: string; message: string } };
    expect(refused.error.code).toBe("thread_locked");
  });

  it("a run waiting for tool outputs holds the thread against 10 concurrent creates and messages", async () => {
    const w = assistantsWorker();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: [weatherTool] });
    const thread = await w.client.beta.threads.create({ messages: [{ role: "user", content: "get_weather in Quito" }] });
    const run = await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    expect(run.status).toBe("requires_action");
    const attempts = await Promise.all([
      ...Array.from({ length: 10 }, () => postJson(w, `/threads/${thread.id}/runs`, { assistant_id: assistant.id })),
      ...Array.from({ length: 5 }, () => postJson(w, `/threads/${thread.id}/messages`, { role: "user", content: "meanwhile" })),
    ]);
    expect(attempts.map((r) => r.status)).toEqual(Array(15).fill(400));
    await w.settle();
    expect((await runsOf(w, thread.id)).map((r) => r.id)).toEqual([run.id]);
    expect((await w.client.beta.threads.messages.list(thread.id)).data).toHaveLength(1);
  });
});

describe("cancel vs. submit_tool_outputs", () => {
  it("ends consistently every time: cancel 200 ⇒ no reply for that run; else the cancel was refused", async () => {
    for (let round = 0; round < 8; round++) {
      const w = assistantsWorker();
      const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: [weatherTool] });
      const thread = await w.client.beta.threads.create({ messages: [{ role: "user", content: "get_weather in Lima" }] });
      const run = await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
      const call = run.required_action!.submit_tool_outputs.tool_calls[0]!;
      const submit = postJson(w, `/threads/${thread.id}/runs/${run.id}/submit_tool_outputs`, {
        tool_outputs: [{ tool_call_id: call.id, output: "warm" }],
      });
      const cancel = postJson(w, `/threads/${thread.id}/runs/${run.id}/cancel`, {});
      const [first, second] = round % 2 ? [await cancel, await submit] : [await submit, await cancel];
      const [submitted, cancelled] = round % 2 ? [second, first] : [first, second];
      await w.settle();
      const final = await w.client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
      const replies = (await w.client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
      if (cancelled.status === 200) {
        expect(["cancelling", "cancelled"]).toContain(((await cancelled.json()) as { status: string }).status);
        expect(final.status).toBe("cancelled");
        expect(replies).toEqual([]);
      } else {
        expect(cancelled.status).toBe(400);
        expect(submitted.status).toBe(200);
        expect(final.status).toBe("completed");
        expect(replies).toHaveLength(1);
      }
      // Never both refused: one of them won.
      expect(submitted.status === 200 || cancelled.status === 200).toBe(true);
      // The thread is free again either way.
      await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "next" });
    }
  });
});

describe("a page of a long thread", () => {
  it("lists 20 of 3,000 messages (some over 1 KiB) with 21 KV reads, and keeps order/after/before/run_id", async () => {
    const w = assistantsWorker();
    const thread = await w.client.beta.threads.create();
    // Thousands of messages written straight to KV and the index (as the API would, without 3,000 requests).
    const messages = Array.from({ length: 3000 }, (_, i) =>
      newUserMessage(thread.id, i % 2 ? "assistant" : "user", textContent(i % 7 === 0 ? `${i} ${"x".repeat(1500)}` : `message ${i}`)),
    );
    for (const [i, m] of messages.entries()) if (i % 10 === 0) m.run_id = "run_tagged";
    const stores = createStores(w.env.CACHE, 0);
    await stores.messages.putAll(messages);
    await w.env.THREADS.getByName(thread.id).admit({ now: 0, messages: messages.map((m) => ({ id: m.id, runId: m.run_id })) });
    w.kv.reset();
    w.threads.reset();

    const page = await w.client.beta.threads.messages.list(thread.id, { limit: 20 });
    expect(page.data.map((m) => m.id)).toEqual(
      messages
        .slice(-20)
        .reverse()
        .map((m) => m.id),
    );
    expect(w.kv.take()).toEqual({ reads: 21, writes: 0, deletes: 0, lists: 0 });
    expect(w.threads.take()).toBe(1);

    const ids = messages.map((m) => ({ id: m.id, run_id: m.run_id }));
    const queries = [
      { order: "asc", limit: 5 },
      { order: "asc", limit: 7, after: messages[100]!.id },
      { order: "desc", limit: 7, after: messages[100]!.id },
      { order: "asc", limit: 4, before: messages[100]!.id },
      { order: "desc", limit: 4, before: messages[100]!.id },
      { order: "asc", limit: 10, after: messages[10]!.id, before: messages[15]!.id },
      { order: "desc", limit: 3, run_id: "run_tagged", after: messages[2990]!.id },
    ] as const;
    for (const q of queries) {
      const res = await w.fetch(
        `https://ai-forwarder.test/v1/threads/${thread.id}/messages?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
      );
      const body = (await res.json()) as { data: { id: string }[]; has_more: boolean; first_id: string; last_id: string };
      const runId = "run_id" in q ? q.run_id : undefined;
      const expected = paginate(runId ? ids.filter((m) => m.run_id === runId) : ids, {
        limit: q.limit,
        order: q.order,
        after: "after" in q ? q.after : undefined,
        before: "before" in q ? q.before : undefined,
      });
      expect({ ids: body.data.map((m) => m.id), has_more: body.has_more }, JSON.stringify(q)).toEqual({
        ids: expected.data.map((m) => m.id),
        has_more: expected.has_more,
      });
      expect(w.kv.take().reads).toBe(1 + expected.data.length);
    }
  }, 120_000);

  it("a thread from before the index is listed from KV whole, as before", async () => {
    const w = assistantsWorker();
    const stores = createStores(w.env.CACHE, 0);
    const thread = { id: "thread_legacy0001", object: "thread" as const, created_at: 1, tool_resources: null, metadata: {} };
    const messages = [1, 2, 3].map((i) => newUserMessage(thread.id, "user", textContent(`old ${i}`)));
    await Promise.all([stores.threads.put(thread), stores.messages.putAll(messages)]);
    const page = await w.client.beta.threads.messages.list(thread.id, { order: "asc" });
    expect(page.data.map((m) => m.id)).toEqual(messages.map((m) => m.id));
  });
});
