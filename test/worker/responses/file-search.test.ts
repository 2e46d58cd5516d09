/**
 * file_search in Responses with the official SDK on the emulator: the Worker searches the
 * tool's vector stores before generating, the response has a `file_search_call` item (results
 * only with `include`), the reply quotes the best chunk with a `file_citation`, and the stream
 * has the `response.file_search_call.*` and annotation events in order. Every object and event
 * is validated against OpenAI's schemas.
 */
import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { expectSchema } from "../../helpers/openapi";
import { postJson } from "../../helpers/worker";
import { TOPICS, filesWorker, topicStore } from "../files/helpers";
import { expectEventOrder } from "./helpers";

async function withStore() {
  const w = filesWorker();
  const { store, files, file } = await topicStore(w);
  return { ...w, store, file, files };
}

describe("file_search in Responses", () => {
  it("plain: a file_search_call item, then a reply quoting the best chunk with a file_citation", async () => {
    const w = await withStore();
    const tool = { type: "file_search" as const, vector_store_ids: [w.store.id], max_num_results: 2 };
    const response = await w.client.responses.create({ model: "gpt-4o", input: "What does the sourdough baker do?", tools: [tool] });
    expectSchema("Response", response);
    expect(response.tools).toEqual([tool]);
    const [call, message] = response.output;
    expect(call).toEqual({
      type: "file_search_call",
      id: expect.stringMatching(/^fs_/),
      status: "completed",
      queries: ["What does the sourdough baker do?"],
      results: null,
    });
    if (message?.type !== "message") throw new Error("no message");
    const part = message.content[0] as OpenAI.Responses.ResponseOutputText;
    expect(part.text).toContain(TOPICS.sourdough.slice(0, 60));
    expect(part.text).not.toContain("volcano");
    expect(part.annotations).toEqual([
      { type: "file_citation", file_id: w.files.sourdough?.id, filename: "sourdough.txt", index: expect.any(Number) },
    ]);
    const index = (part.annotations[0] as { index: number }).index;
    expect(index).toBeGreaterThan(0);
    expect(index).toBeLessThanOrEqual(part.text.length);

    const included = await w.client.responses.create({
      model: "gpt-4o",
      input: "volcano magma eruption",
      tools: [tool],
      include: ["file_search_call.results"],
    });
    expectSchema("Response", included);
    const found = included.output[0] as OpenAI.Responses.ResponseFileSearchToolCall;
    expect(found.results?.[0]).toEqual({
      file_id: w.files.volcano?.id,
      filename: "volcano.txt",
      score: expect.any(Number),
      text: expect.stringContaining("volcano"),
      attributes: null,
    });
    expect(found.results?.length).toBeLessThanOrEqual(2);
  });

  it("streamed: file_search_call events before the reply, annotation.added before output_text.done", async () => {
    const w = await withStore();
    const stream = await w.client.responses.create({
      model: "gpt-4o",
      input: "Tell me about the lighthouse keeper",
      tools: [{ type: "file_search", vector_store_ids: [w.store.id] }],
      stream: true,
    });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const e of stream) events.push(e);
    for (const e of events) expectSchema("ResponseStreamEvent", e);
    expectEventOrder(events);
    const types = events.map((e) => e.type);
    expect(types.slice(0, 7)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.file_search_call.in_progress",
      "response.file_search_call.searching",
      "response.file_search_call.completed",
      "response.output_item.done",
    ]);
    expect(events[3]).toMatchObject({ output_index: 0, item_id: expect.stringMatching(/^fs_/) });
    expect(types.slice(-5)).toEqual([
      "response.output_text.annotation.added",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const annotation = events.find((e) => e.type === "response.output_text.annotation.added");
    expect(annotation).toMatchObject({
      output_index: 1,
      content_index: 0,
      annotation_index: 0,
      annotation: { type: "file_citation", file_id: w.file.id, filename: "lighthouse.txt" },
    });
    const done = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    // The SDK adds `output_text` to what it returns.
    const { output_text: _, ...stored } = await w.client.responses.retrieve(done.response.id);
    expect(stored).toEqual(done.response);
  });

  it("bad inputs are 4xx envelopes", async () => {
    const w = await withStore();
    const cases: [unknown, number, string | null][] = [
      [{ tools: [{ type: "file_search", vector_store_ids: ["vs_nope"] }] }, 404, "vector_store_id"],
      [{ tools: [{ type: "file_search", vector_store_ids: [w.store.id, w.store.id, w.store.id] }] }, 400, "tools[0].vector_store_ids"],
      [{ tools: [{ type: "file_search" }] }, 400, "tools[0].vector_store_ids"],
      [{ tools: [{ type: "file_search", vector_store_ids: [w.store.id], max_num_results: 0 }] }, 400, "tools[0].max_num_results"],
      [{ include: ["file_search_call.everything"] }, 400, "include[0]"],
      [
        { tools: [{ type: "code_interpreter", container: { type: "auto" } }], tool_choice: { type: "code_interpreter" } },
        400,
        "tool_choice.type",
      ],
    ];
    for (const [extra, status, param] of cases) {
      const res = await postJson(w, "/responses", { model: "gpt-4o", input: "hi", ...(extra as object) });
      expect(res.status, JSON.stringify(extra)).toBe(status);
      const body = (await res.json()) as { error: { param: string | null } };
      expectSchema("ErrorResponse", body);
      expect(body.error.param).toBe(param);
    }
  });

  it("code_interpreter is echoed and named in the unsupported-tools header; file_search is not", async () => {
    const w = await withStore();
    const res = await postJson(w, "/responses", {
      model: "gpt-4o",
      input: "hi",
      tools: [
        { type: "file_search", vector_store_ids: [w.store.id] },
        { type: "code_interpreter", container: { type: "auto" } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ai-forwarder-unsupported-tools")).toBe("code_interpreter");
    const body = await res.json();
    expectSchema("Response", body);
  });
});
