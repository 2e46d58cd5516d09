/**
 * file_search and code_interpreter in Assistants, with the official SDK on the emulator: tools
 * and tool_resources round trip, a streamed run that searches an uploaded file (its own
 * tool_calls step, results with content only when `include`d) and answers with the file's text
 * and a `file_citation`, the `vector_stores` helper, and bad inputs. Every object and event is
 * validated against OpenAI's schemas.
 */
import type OpenAI from "openai";
import type { AssistantStreamEvent } from "openai/resources/beta/assistants";
import { describe, expect, it } from "vitest";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, postJson } from "../../helpers/worker";
import { TOPICS, textFile, topicStore } from "../files/helpers";
import { assistantsWorker, weatherTool } from "./helpers";

const INCLUDE = "step_details.tool_calls[*].file_search.results[*].content";
const TOOLS: OpenAI.Beta.AssistantTool[] = [
  { type: "file_search", file_search: { max_num_results: 2, ranking_options: { ranker: "auto", score_threshold: 0.1 } } },
  { type: "code_interpreter" },
  weatherTool,
];

async function withStore() {
  const w = assistantsWorker();
  const { store, files, file } = await topicStore(w);
  expect(Object.values(files).map((f) => f.status)).toEqual(["completed", "completed", "completed"]);
  return { ...w, store, file, files };
}

describe("file_search and code_interpreter in Assistants", () => {
  it("an assistant with file_search, code_interpreter and a function is created unchanged and retrieved the same", async () => {
    const w = await withStore();
    const code = await w.client.files.create({ file: await textFile("data.csv", "a,b\n1,2\n"), purpose: "assistants" });
    const assistant = await w.client.beta.assistants.create({
      model: "gpt-4o",
      tools: TOOLS,
      tool_resources: { file_search: { vector_store_ids: [w.store.id] }, code_interpreter: { file_ids: [code.id] } },
    });
    expectSchema("AssistantObject", assistant);
    expect(assistant.tools).toEqual(TOOLS);
    expect(assistant.tool_resources).toEqual({
      code_interpreter: { file_ids: [code.id] },
      file_search: { vector_store_ids: [w.store.id] },
    });
    expect(await w.client.beta.assistants.retrieve(assistant.id)).toEqual(assistant);
    const modified = await w.client.beta.assistants.update(assistant.id, { tool_resources: { code_interpreter: { file_ids: [] } } });
    expect(modified.tool_resources).toEqual({ code_interpreter: { file_ids: [] } });
  });

  it("a streamed run searches the uploaded file and answers with its text and a file_citation", async () => {
    const w = await withStore();
    const assistant = await w.client.beta.assistants.create({
      model: "gpt-4o",
      tools: TOOLS,
      tool_resources: { file_search: { vector_store_ids: [w.store.id] } },
    });
    const thread = await w.client.beta.threads.create({ messages: [{ role: "user", content: "Who lights the lamp of the lighthouse?" }] });
    const res = await postJson(w, `/threads/${thread.id}/runs`, { assistant_id: assistant.id, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ai-forwarder-unsupported-tools")).toBe("code_interpreter");
    const events = parseSse(await res.text());
    for (const e of events) expectSchema("AssistantStreamEvent", e);
    const names = events.map((e) => e.event);
    expect(names.slice(0, 9)).toEqual([
      "thread.run.created",
      "thread.run.queued",
      "thread.run.in_progress",
      "thread.run.step.created",
      "thread.run.step.in_progress",
      "thread.run.step.delta",
      "thread.run.step.completed",
      "thread.run.step.created",
      "thread.run.step.in_progress",
    ]);
    expect(names.at(-1)).toBe("thread.run.completed");

    const searchStep = events[6]?.data as OpenAI.Beta.Threads.Runs.RunStep;
    const details = searchStep.step_details as OpenAI.Beta.Threads.Runs.ToolCallsStepDetails;
    const call = details.tool_calls[0] as OpenAI.Beta.Threads.Runs.FileSearchToolCall;
    expect(call.type).toBe("file_search");
    expect(call.file_search.ranking_options).toEqual({ ranker: "default_2024_08_21", score_threshold: 0.1 });
    expect(call.file_search.results?.length).toBeGreaterThan(0);
    expect(call.file_search.results?.length).toBeLessThanOrEqual(2);
    expect(call.file_search.results?.[0]).toEqual({ file_id: w.file.id, file_name: "lighthouse.txt", score: expect.any(Number) });
    expect(events[5]?.data).toEqual({
      id: searchStep.id,
      object: "thread.run.step.delta",
      delta: { step_details: { type: "tool_calls", tool_calls: [{ index: 0, id: call.id, type: "file_search", file_search: {} }] } },
    });

    const done = events.find((e) => e.event === "thread.message.completed")?.data as OpenAI.Beta.Threads.Message;
    const text = done.content[0] as OpenAI.Beta.Threads.TextContentBlock;
    expect(text.text.value).toContain(TOPICS.lighthouse.slice(0, 60));
    expect(text.text.value).not.toContain("sourdough");
    const marker = "【0:0†lighthouse.txt】";
    expect(text.text.value.endsWith(` ${marker}`)).toBe(true);
    expect(text.text.annotations).toEqual([
      {
        type: "file_citation",
        text: marker,
        file_citation: { file_id: w.file.id },
        start_index: text.text.value.length - marker.length,
        end_index: text.text.value.length,
      },
    ]);
    // The streamed deltas add up to the stored message, annotations included.
    const deltas = events.filter((e) => e.event === "thread.message.delta").map((e) => e.data as OpenAI.Beta.Threads.MessageDeltaEvent);
    const deltaText = (d: OpenAI.Beta.Threads.MessageDeltaEvent | undefined) => {
      const part = d?.delta.content?.[0];
      return part?.type === "text" ? part.text : undefined;
    };
    expect(deltas.map((d) => deltaText(d)?.value).join("")).toBe(text.text.value);
    expect(deltaText(deltas.at(-1))?.annotations).toEqual([{ index: 0, ...text.text.annotations[0] }]);
    await w.settle();
    const [stored] = (await w.client.beta.threads.messages.list(thread.id, { order: "desc", limit: 1 })).data;
    expect(stored).toEqual(done);

    // Steps: results' content only when included.
    const run = events.at(-1)?.data as OpenAI.Beta.Threads.Run;
    const plain = await w.client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: "asc" });
    for (const s of plain.data) expectSchema("RunStepObject", s);
    expect(plain.data.map((s) => s.type)).toEqual(["tool_calls", "message_creation"]);
    expect(plain.data[0]).toEqual(searchStep);
    const full = await w.client.beta.threads.runs.steps.retrieve(searchStep.id, {
      thread_id: thread.id,
      run_id: run.id,
      include: [INCLUDE],
    });
    expectSchema("RunStepObject", full);
    const fullCall = (full.step_details as OpenAI.Beta.Threads.Runs.ToolCallsStepDetails)
      .tool_calls[0] as OpenAI.Beta.Threads.Runs.FileSearchToolCall;
    expect(fullCall.file_search.results?.[0]?.content?.[0]?.text).toContain("lighthouse");
    const bad = await w.fetch(`${BASE_URL}/threads/${thread.id}/runs/${run.id}/steps?include[]=nope`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe("include");
  });

  it("SDK runs.stream with include: the completed step carries result content", async () => {
    const w = await withStore();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: [{ type: "file_search" }] });
    const thread = await w.client.beta.threads.create({
      messages: [{ role: "user", content: "Tell me about the volcano eruption and magma." }],
      tool_resources: { file_search: { vector_store_ids: [w.store.id] } },
    });
    expectSchema("ThreadObject", thread);
    const events: AssistantStreamEvent[] = [];
    const stream = w.client.beta.threads.runs
      .stream(thread.id, { assistant_id: assistant.id, include: [INCLUDE] })
      .on("event", (e) => events.push(e));
    const run = await stream.finalRun();
    expect(run.status).toBe("completed");
    const completed = events.find((e) => e.event === "thread.run.step.completed")?.data as OpenAI.Beta.Threads.Runs.RunStep;
    const call = (completed.step_details as OpenAI.Beta.Threads.Runs.ToolCallsStepDetails)
      .tool_calls[0] as OpenAI.Beta.Threads.Runs.FileSearchToolCall;
    expect(call.file_search.results?.[0]?.content?.[0]?.text).toContain("volcano");
    const messages = await stream.finalMessages();
    expect(textOf(messages[0]).value).toContain("volcano");
  });

  it("the vector_stores helper on thread create makes a store from file_ids", async () => {
    const w = assistantsWorker();
    const file = await w.client.files.create({ file: await textFile("bread.md", TOPICS.sourdough), purpose: "assistants" });
    const thread = await w.client.beta.threads.create({
      tool_resources: { file_search: { vector_stores: [{ file_ids: [file.id], metadata: { from: "helper" } }] } },
    });
    const ids = thread.tool_resources?.file_search?.vector_store_ids ?? [];
    expect(ids).toHaveLength(1);
    const store = await w.client.vectorStores.retrieve(ids[0] as string);
    expect(store).toMatchObject({ metadata: { from: "helper" }, file_counts: { completed: 1, total: 1 } });
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: [{ type: "file_search" }] });
    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "How is sourdough bread baked?" });
    const run = await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    expect(run.status).toBe("completed");
    const [reply] = (await w.client.beta.threads.messages.list(thread.id, { order: "desc", limit: 1 })).data;
    expect(textOf(reply).annotations[0]).toMatchObject({
      type: "file_citation",
      file_citation: { file_id: file.id },
    });
  });

  it("a store deleted after the thread named it: the search step and the run fail, with no reply", async () => {
    const w = await withStore();
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: [{ type: "file_search" }] });
    const thread = await w.client.beta.threads.create({ messages: [{ role: "user", content: "lighthouse?" }] });
    const updated = await w.client.beta.threads.update(thread.id, { tool_resources: { file_search: { vector_store_ids: [w.store.id] } } });
    expect(updated.tool_resources).toEqual({ file_search: { vector_store_ids: [w.store.id] } });
    await w.client.vectorStores.delete(w.store.id);
    const run = await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    expectSchema("RunObject", run);
    expect(run.status).toBe("failed");
    expect(run.last_error).toEqual({ code: "server_error", message: `No vector store found with id '${w.store.id}'.` });
    const steps = await w.client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
    expect(steps.data.map((s) => [s.type, s.status])).toEqual([["tool_calls", "failed"]]);
    const messages = await w.client.beta.threads.messages.list(thread.id);
    expect(messages.data.map((m) => m.role)).toEqual(["user"]);
  });

  it("bad inputs are 4xx envelopes", async () => {
    const w = await withStore();
    const cases: [string, unknown, number, string | null][] = [
      [
        "/assistants",
        { model: "gpt-4o", tools: [{ type: "file_search" }], tool_resources: { file_search: { vector_store_ids: ["vs_nope"] } } },
        404,
        "tool_resources.file_search.vector_store_ids",
      ],
      [
        "/assistants",
        { model: "gpt-4o", tool_resources: { file_search: { vector_store_ids: [w.store.id, w.store.id] } } },
        400,
        "tool_resources.file_search.vector_store_ids",
      ],
      [
        "/assistants",
        { model: "gpt-4o", tools: [{ type: "file_search", file_search: { max_num_results: 51 } }] },
        400,
        "tools[0].file_search.max_num_results",
      ],
      [
        "/assistants",
        { model: "gpt-4o", tool_resources: { code_interpreter: { file_ids: ["file-nope"] } } },
        404,
        "tool_resources.code_interpreter.file_ids",
      ],
      [
        "/threads",
        { tool_resources: { file_search: { vector_store_ids: ["vs_nope"] } } },
        404,
        "tool_resources.file_search.vector_store_ids",
      ],
    ];
    for (const [path, body, status, param] of cases) {
      const res = await postJson(w, path, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const err = (await res.json()) as { error: { param: string | null } };
      expectSchema("ErrorResponse", err);
      expect(err.error.param).toBe(param);
    }
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", tools: TOOLS });
    const thread = await w.client.beta.threads.create();
    const forced = await postJson(w, `/threads/${thread.id}/runs`, {
      assistant_id: assistant.id,
      tool_choice: { type: "code_interpreter" },
    });
    expect(forced.status).toBe(400);
    expect(((await forced.json()) as { error: { code: string } }).error.code).toBe("unsupported_tool_choice");
    const badInclude = await postJson(w, `/threads/${thread.id}/runs?include[]=file_search_call.results`, { assistant_id: assistant.id });
    expect(badInclude.status).toBe(400);
  });
});

function textOf(message: OpenAI.Beta.Threads.Message | undefined): OpenAI.Beta.Threads.Text {
  const part = message?.content[0];
  if (part?.type !== "text") throw new Error("no text part");
  return part.text;
}

function parseSse(text: string): AssistantStreamEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: ") && !block.startsWith("event: done"))
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      return { event: eventLine?.slice(7), data: JSON.parse(dataLine?.slice(6) ?? "null") } as AssistantStreamEvent;
    });
}
