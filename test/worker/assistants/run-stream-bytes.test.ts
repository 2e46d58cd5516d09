/**
 * The whole body of a streamed run, byte for byte, with a fixed clock and counting ids:
 * the `thread.run.*` opening, the reply's step and message announced on the first delta,
 * one `thread.message.delta` per upstream delta, the completions, then `event: done` /
 * `data: [DONE]`. The expected objects are written out in full (key order included; the run
 * in `exampleRun`), so a field added, dropped or reordered shows here.
 */
import { describe, expect, it } from "vitest";
import * as fx from "../../fixtures/workers-ai";
import { fakeAi } from "../../helpers/fake-ai";
import { FIXED_SECONDS as T, useFixedClock } from "../../helpers/fixed-clock";
import { postJson } from "../../helpers/worker";
import { assistantsWorker, exampleRun } from "./helpers";

useFixedClock();

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

const queued = exampleRun();
const inProgress = { ...queued, status: "in_progress", started_at: T };
const usage = { prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 };
const completed = { ...inProgress, status: "completed", completed_at: T, usage };

const step = {
  id: "step_0001",
  object: "thread.run.step",
  created_at: T,
  assistant_id: "asst_0001",
  thread_id: "thread_0001",
  run_id: "run_0001",
  type: "message_creation",
  status: "in_progress",
  step_details: { type: "message_creation", message_creation: { message_id: "msg_0002" } },
  last_error: null,
  expired_at: null,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  metadata: null,
  usage: null,
};

const message = {
  id: "msg_0002",
  object: "thread.message",
  created_at: T,
  thread_id: "thread_0001",
  status: "in_progress",
  incomplete_details: null,
  completed_at: null,
  incomplete_at: null,
  role: "assistant",
  content: [] as unknown[],
  assistant_id: "asst_0001",
  run_id: "run_0001",
  attachments: [],
  metadata: {},
};

const delta = (value: string) => ({
  id: "msg_0002",
  object: "thread.message.delta",
  delta: { content: [{ index: 0, type: "text", text: { value, annotations: [] } }] },
});

const EXPECTED_BODY = [
  sse("thread.run.created", queued),
  sse("thread.run.queued", queued),
  sse("thread.run.in_progress", inProgress),
  sse("thread.run.step.created", step),
  sse("thread.run.step.in_progress", step),
  sse("thread.message.created", message),
  sse("thread.message.in_progress", message),
  ...["Le", " café", " coûte", " 3", " €", " 🥐", "."].map((t) => sse("thread.message.delta", delta(t))),
  sse("thread.message.completed", {
    ...message,
    status: "completed",
    completed_at: T,
    content: [{ type: "text", text: { value: "Le café coûte 3 € 🥐.", annotations: [] } }],
  }),
  sse("thread.run.step.completed", { ...step, status: "completed", completed_at: T, usage }),
  sse("thread.run.completed", completed),
  sse("done", "[DONE]"),
].join("");

describe("streamed run, exact bytes", () => {
  it("renders a recorded Workers AI stream as thread.* events ending in done", async () => {
    const w = assistantsWorker(fakeAi(fx.NATIVE_STREAM));
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", instructions: "You are terse." });
    const thread = await w.client.beta.threads.create({ messages: [{ role: "user", content: "Combien coûte un café ?" }] });
    const res = await postJson(w, `/threads/${thread.id}/runs`, { assistant_id: assistant.id, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await res.text()).toBe(EXPECTED_BODY);
    await w.settle();
    const stored = await w.client.beta.threads.runs.retrieve("run_0001", { thread_id: thread.id });
    expect(JSON.stringify(stored)).toBe(JSON.stringify(completed));
  });
});
