/**
 * Runs with the official SDK: polling, streaming helpers, function-tool round trips,
 * cancel, the active-run lock, and the failure states — every object and event validated
 * against OpenAI's schemas.
 */
import OpenAI from "openai";
import type { AssistantStreamEvent } from "openai/resources/beta/assistants";
import { describe, expect, it } from "vitest";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL } from "../../helpers/worker";
import { assistantsWorker, weatherTool } from "./helpers";

function validateEvent(e: AssistantStreamEvent): void {
  expectSchema("AssistantStreamEvent", e);
}

async function setup(tools: OpenAI.Beta.FunctionTool[] = []) {
  const w = assistantsWorker();
  const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", instructions: "You are terse.", tools });
  const thread = await w.client.beta.threads.create();
  return { ...w, assistant, thread };
}

describe("runs", () => {
  it("createAndPoll: queued at once, in_progress while running, completed with the reply in the thread", async () => {
    const { client, assistant, thread, settle } = await setup();
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "What is the capital of France?" });
    const created = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    expectSchema("RunObject", created);
    expect(created.status).toBe("queued");
    expect(created.instructions).toBe("You are terse.");
    const polled = await client.beta.threads.runs.retrieve(created.id, { thread_id: thread.id });
    expect(["in_progress", "completed"]).toContain(polled.status);
    await settle();

    const run = await client.beta.threads.runs.retrieve(created.id, { thread_id: thread.id });
    expectSchema("RunObject", run);
    expect(run.status).toBe("completed");
    expect(run.usage?.completion_tokens).toBeGreaterThan(0);
    const messages = await client.beta.threads.messages.list(thread.id);
    const reply = messages.data[0];
    expectSchema("MessageObject", reply);
    expect(reply).toMatchObject({ role: "assistant", assistant_id: assistant.id, run_id: run.id, status: "completed" });
    expect(reply?.content[0]?.type === "text" && reply.content[0].text.value).toContain("What is the capital of France?");

    const polledRun = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    expect(polledRun.status).toBe("completed");
  });

  it("records run steps with real details and usage", async () => {
    const { client, assistant, thread, settle } = await setup();
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "steps please" });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await settle();
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
    expect(steps.data).toHaveLength(1);
    const step = steps.data[0]!;
    expectSchema("RunStepObject", step);
    expect(step).toMatchObject({ type: "message_creation", status: "completed", run_id: run.id });
    expect(step.usage?.total_tokens).toBeGreaterThan(0);
    const messages = await client.beta.threads.messages.list(thread.id, { run_id: run.id });
    expect(step.step_details).toEqual({ type: "message_creation", message_creation: { message_id: messages.data[0]?.id } });
    expect(await client.beta.threads.runs.steps.retrieve(step.id, { thread_id: thread.id, run_id: run.id })).toEqual(step);
  });

  it("runs.stream(): events in OpenAI's order, textDelta callbacks, finalRun()", async () => {
    const { client, assistant, thread } = await setup();
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "stream a few words for me" });
    const deltas: string[] = [];
    const events: AssistantStreamEvent[] = [];
    let doneMessage: OpenAI.Beta.Threads.Message | undefined;
    const stream = client.beta.threads.runs
      .stream(thread.id, { assistant_id: assistant.id })
      .on("textDelta", (d) => deltas.push(d.value ?? ""))
      .on("messageDone", (m) => {
        doneMessage = m;
      })
      .on("event", (e) => events.push(e));
    const run = await stream.finalRun();
    for (const e of events) validateEvent(e);
    expect(run.status).toBe("completed");
    const names = events.map((e) => e.event);
    const firstDelta = names.indexOf("thread.message.delta");
    expect(names.slice(0, firstDelta)).toEqual([
      "thread.run.created",
      "thread.run.queued",
      "thread.run.in_progress",
      "thread.run.step.created",
      "thread.run.step.in_progress",
      "thread.message.created",
      "thread.message.in_progress",
    ]);
    expect(names.slice(names.lastIndexOf("thread.message.delta") + 1)).toEqual([
      "thread.message.completed",
      "thread.run.step.completed",
      "thread.run.completed",
    ]);
    expect(deltas.length).toBeGreaterThan(2);
    const text = deltas.join("");
    expect(text).toContain("stream a few words for me");
    expect(doneMessage?.content[0]?.type === "text" && doneMessage.content[0].text.value).toBe(text);
    const stored = await client.beta.threads.messages.list(thread.id);
    expect(stored.data[0]?.content[0]?.type === "text" && stored.data[0].content[0].text.value).toBe(text);
  });

  it("ends the raw stream with event: done / data: [DONE]", async () => {
    const w = await setup();
    await w.client.beta.threads.messages.create(w.thread.id, { role: "user", content: "raw" });
    const res = await w.fetch(`https://ai-forwarder.test/v1/threads/${w.thread.id}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json", "openai-beta": "assistants=v2" },
      body: JSON.stringify({ assistant_id: w.assistant.id, stream: true }),
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    expect(text.startsWith("event: thread.run.created\ndata: {")).toBe(true);
    expect(text.endsWith("event: done\ndata: [DONE]\n\n")).toBe(true);
  });

  it("function tools, polled: requires_action → submitToolOutputsAndPoll → completed", async () => {
    const { client, assistant, thread } = await setup([weatherTool]);
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "Call get_weather for Oslo" });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    expectSchema("RunObject", run);
    expect(run.status).toBe("requires_action");
    const calls = run.required_action?.submit_tool_outputs.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    expect(calls[0]?.function.name).toBe("get_weather");
    expect(JSON.parse(calls[0]?.function.arguments ?? "")).toHaveProperty("city");

    await expect(client.beta.threads.messages.create(thread.id, { role: "user", content: "meanwhile" })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("already has an active run"),
    });

    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(
      run.id,
      { thread_id: thread.id, tool_outputs: [{ tool_call_id: calls[0]!.id, output: "sunny, 18C" }] },
      { pollIntervalMs: 5 },
    );
    expectSchema("RunObject", done);
    expect(done.status).toBe("completed");
    const reply = (await client.beta.threads.messages.list(thread.id)).data[0];
    expect(reply?.content[0]?.type === "text" && reply.content[0].text.value).toContain("sunny, 18C");

    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: "asc" });
    for (const s of steps.data) expectSchema("RunStepObject", s);
    expect(steps.data.map((s) => s.type)).toEqual(["tool_calls", "message_creation"]);
    const toolStep = steps.data[0]?.step_details;
    expect(toolStep?.type === "tool_calls" && toolStep.tool_calls[0]).toMatchObject({
      type: "function",
      function: { name: "get_weather", output: "sunny, 18C" },
    });
    // The thread is free again.
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "thanks" });
  });

  it("function tools, streamed: tool_calls step delta, requires_action, then submitToolOutputsStream", async () => {
    const { client, assistant, thread } = await setup([weatherTool]);
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "please use get_weather" });
    const events: AssistantStreamEvent[] = [];
    const first = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).on("event", (e) => events.push(e));
    const paused = await first.finalRun();
    for (const e of events) validateEvent(e);
    expect(paused.status).toBe("requires_action");
    expect(events.map((e) => e.event).slice(-4)).toEqual([
      "thread.run.step.created",
      "thread.run.step.in_progress",
      "thread.run.step.delta",
      "thread.run.requires_action",
    ]);
    const call = paused.required_action!.submit_tool_outputs.tool_calls[0]!;

    const more: AssistantStreamEvent[] = [];
    const second = client.beta.threads.runs
      .submitToolOutputsStream(paused.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: call.id, output: "rain" }] })
      .on("event", (e) => more.push(e));
    const finished = await second.finalRun();
    for (const e of more) validateEvent(e);
    expect(finished.status).toBe("completed");
    expect(more[0]?.event).toBe("thread.run.step.completed");
    const text = (await second.finalMessages()).map((m) => (m.content[0]?.type === "text" ? m.content[0].text.value : "")).join("");
    expect(text).toContain("rain");
  });

  it("rejects a second run while one is active, and bad tool outputs", async () => {
    const { client, assistant, thread } = await setup([weatherTool]);
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "get_weather now" });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    expect(run.status).toBe("requires_action");
    await expect(client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(`Thread ${thread.id} already has an active run ${run.id}`),
    });
    await expect(
      client.beta.threads.runs.submitToolOutputs(run.id, {
        thread_id: thread.id,
        tool_outputs: [{ tool_call_id: "call_nope", output: "x" }],
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [] })).rejects.toMatchObject({
      status: 400,
      param: "tool_outputs",
    });
  });

  it("cancel moves a run awaiting tool outputs to cancelled and frees the thread", async () => {
    const { client, assistant, thread } = await setup([weatherTool]);
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "get_weather for Rome" });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    const cancelled = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    expectSchema("RunObject", cancelled);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.cancelled_at).not.toBeNull();
    await expect(client.beta.threads.runs.cancel(run.id, { thread_id: thread.id })).rejects.toMatchObject({ status: 400 });
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
    expect(steps.data[0]?.status).toBe("cancelled");
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "free again" });
  });

  it("a cancel during generation wins over the finished reply", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The model answers only after the cancel has been accepted.
    const ai = fakeAi(async () => {
      await gate;
      return { response: "too late", usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } };
    });
    const { client, settle } = assistantsWorker(ai);
    const assistant = await client.beta.assistants.create({ model: "gpt-4o" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "long job" }] });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    // Generating: `cancelling` at once (as on OpenAI), `cancelled` once the turn ends.
    const cancelling = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    expectSchema("RunObject", cancelling);
    expect(cancelling.status).toBe("cancelling");
    expect((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status).toBe("cancelling");
    await expect(client.beta.threads.runs.cancel(run.id, { thread_id: thread.id })).rejects.toMatchObject({ status: 400 });
    await expect(client.beta.threads.messages.create(thread.id, { role: "user", content: "not yet" })).rejects.toMatchObject({
      status: 400,
    });
    release();
    await settle();
    const cancelled = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    expectSchema("RunObject", cancelled);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.cancelled_at).not.toBeNull();
    expect((await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id })).data).toEqual([]);
    const messages = await client.beta.threads.messages.list(thread.id);
    expect(messages.data.map((m) => m.role)).toEqual(["user"]);
  });

  it("createAndRun streamed: thread.created first, then the run", async () => {
    const { client, assistant } = await setup();
    const events: AssistantStreamEvent[] = [];
    const stream = client.beta.threads
      .createAndRunStream({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "brand new thread" }] } })
      .on("event", (e) => events.push(e));
    const run = await stream.finalRun();
    for (const e of events) validateEvent(e);
    expect(events[0]?.event).toBe("thread.created");
    expect(events[1]?.event).toBe("thread.run.created");
    expect(run.status).toBe("completed");
    const messages = await client.beta.threads.messages.list(run.thread_id, { order: "asc" });
    expect(messages.data.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("createAndRunPoll and additional messages/instructions", async () => {
    const { client, assistant, settle } = await setup();
    const run = await client.beta.threads.createAndRunPoll(
      { assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "hello" }] } },
      { pollIntervalMs: 5 },
    );
    expect(run.status).toBe("completed");
    const second = await client.beta.threads.runs.create(run.thread_id, {
      assistant_id: assistant.id,
      additional_instructions: "Also be kind.",
      additional_messages: [{ role: "user", content: "added by the run" }],
    });
    expect(second.instructions).toBe("You are terse.\n\nAlso be kind.");
    await settle();
    const messages = await client.beta.threads.messages.list(run.thread_id, { order: "asc" });
    expect(messages.data.map((m) => (m.content[0]?.type === "text" ? m.content[0].text.value : "")).slice(2, 3)).toEqual([
      "added by the run",
    ]);
    const reply = messages.data.at(-1);
    expect(reply?.content[0]?.type === "text" && reply.content[0].text.value).toContain("added by the run");
  });

  it("max_completion_tokens reached → incomplete with incomplete_details", async () => {
    const { client, assistant, thread, settle } = await setup();
    const long = Array.from({ length: 400 }, (_, i) => `w${i}`).join(" ");
    await client.beta.threads.messages.create(thread.id, { role: "user", content: long });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, max_completion_tokens: 256 });
    await settle();
    const after = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    expectSchema("RunObject", after);
    expect(after.status).toBe("incomplete");
    expect(after.incomplete_details).toEqual({ reason: "max_completion_tokens" });
    const msg = (await client.beta.threads.messages.list(thread.id)).data[0];
    expectSchema("MessageObject", msg);
    expect(msg?.status).toBe("incomplete");
  });

  it("a backend failure → failed with last_error; the thread is freed", async () => {
    const { client, assistant, thread, settle } = await setup();
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "boom [emulate-error:3040]" });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await settle();
    const after = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    expectSchema("RunObject", after);
    expect(after.status).toBe("failed");
    expect(after.last_error?.code).toBe("rate_limit_exceeded");
    expect(after.failed_at).not.toBeNull();
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "retry" });
  });

  it("a stream failing mid-way → the message is kept incomplete and the run fails", async () => {
    const { client, assistant, thread } = await setup();
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "[emulate-stream-error] several words here to stream" });
    const events: AssistantStreamEvent[] = [];
    const run = await client.beta.threads.runs
      .stream(thread.id, { assistant_id: assistant.id })
      .on("event", (e) => events.push(e))
      .finalRun();
    for (const e of events) validateEvent(e);
    expect(run.status).toBe("failed");
    expect(events.map((e) => e.event)).toContain("thread.message.incomplete");
    const msg = (await client.beta.threads.messages.list(thread.id)).data[0];
    expect(msg?.status).toBe("incomplete");
    expect(msg?.incomplete_details).toEqual({ reason: "run_failed" });
  });

  it("a run in progress past expires_at reads as expired", async () => {
    const { client, assistant, thread, env } = await setup([weatherTool]);
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "get_weather please" });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    const key = `run/${thread.id}/${run.id}`;
    const record = (await env.CACHE.get(key, "json")) as { run: { expires_at: number } };
    record.run.expires_at = Math.floor(Date.now() / 1000) - 1;
    await env.CACHE.put(key, JSON.stringify(record));
    const expired = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    expectSchema("RunObject", expired);
    expect(expired.status).toBe("expired");
    expect(expired.required_action).toBeNull();
  });

  it("lists and modifies runs", async () => {
    const { client, assistant, thread, settle, fetch } = await setup();
    const a = await client.beta.threads.runs.createAndPoll(
      thread.id,
      { assistant_id: assistant.id, additional_messages: [{ role: "user", content: "1" }] },
      { pollIntervalMs: 5 },
    );
    const b = await client.beta.threads.runs.createAndPoll(
      thread.id,
      { assistant_id: assistant.id, additional_messages: [{ role: "user", content: "2" }] },
      { pollIntervalMs: 5 },
    );
    await settle();
    const list = await client.beta.threads.runs.list(thread.id);
    for (const r of list.data) expectSchema("RunObject", r);
    expect(list.data.map((r) => r.id)).toEqual([b.id, a.id]);
    const get = async (path: string) => (await fetch(`${BASE_URL}${path}`)).json();
    expectSchema("ListRunsResponse", await get(`/threads/${thread.id}/runs`));
    expectSchema("ListRunStepsResponse", await get(`/threads/${thread.id}/runs/${a.id}/steps`));
    expectSchema("ListAssistantsResponse", await get("/assistants"));
    const modified = await client.beta.threads.runs.update(a.id, { thread_id: thread.id, metadata: { x: "y" } });
    expect(modified.metadata).toEqual({ x: "y" });
    expect(modified.status).toBe("completed");
  });

  it("rejects bad run input", async () => {
    const { client, assistant, thread } = await setup();
    await expect(client.beta.threads.runs.create(thread.id, {} as never)).rejects.toMatchObject({ status: 400, param: "assistant_id" });
    await expect(client.beta.threads.runs.create(thread.id, { assistant_id: "asst_nope" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.beta.threads.runs.create("thread_nope", { assistant_id: assistant.id })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await expect(
      client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, max_completion_tokens: 5 }),
    ).rejects.toMatchObject({ status: 400, param: "max_completion_tokens" });
    await expect(
      client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, truncation_strategy: { type: "last_messages" } }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      client.beta.threads.runs.create(thread.id, {
        assistant_id: assistant.id,
        tool_choice: { type: "function", function: { name: "x" } },
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(client.beta.threads.runs.retrieve("run_nope", { thread_id: thread.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("persists the reply when a streaming client disconnects mid-stream", async () => {
    const w = await setup();
    await w.client.beta.threads.messages.create(w.thread.id, { role: "user", content: "disconnect after the first bytes please" });
    const res = await w.fetch(`https://ai-forwarder.test/v1/threads/${w.thread.id}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ assistant_id: w.assistant.id, stream: true }),
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel("client went away");
    await w.settle();
    const messages = await w.client.beta.threads.messages.list(w.thread.id);
    expect(messages.data[0]?.role).toBe("assistant");
    expect(messages.data[0]?.content[0]?.type === "text" && messages.data[0].content[0].text.value).toContain(
      "disconnect after the first bytes please",
    );
  });

  it("uses a fake Workers AI binding end to end (chat-format upstream)", async () => {
    const ai = fakeAi({
      choices: [{ index: 0, message: { role: "assistant", content: "Bonjour !" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
    });
    const w = assistantsWorker(ai);
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", instructions: "Speak French.", tools: [weatherTool] });
    const run = await w.client.beta.threads.createAndRunPoll(
      { assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hi" }] } },
      { pollIntervalMs: 5 },
    );
    expect(run.usage).toEqual({ prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 });
    const inputs = ai.calls[0]?.inputs as { messages: unknown[]; tools: unknown[] };
    expect(inputs.messages).toEqual([
      { role: "system", content: "Speak French." },
      { role: "user", content: "Hi" },
    ]);
    expect(inputs.tools).toHaveLength(1);
  });
});
