/**
 * Reasoning in the Responses API: a `reasoning` output item (its text as `reasoning_text`)
 * before the message, the spec's `response.reasoning_text.*` stream events, reasoning tokens
 * in usage, `reasoning.effort` mapped into the run inputs, and a budget used up by thinking
 * ending as `incomplete`. Every event and object is checked against OpenAI's schemas.
 */
import { describe, expect, it } from "vitest";
import * as fx from "../../fixtures/workers-ai";
import { fakeAi, readSse } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";
import { expectEventOrder } from "./helpers";
import type { ResponseObject } from "../../../src/wire/responses";

/** A stream event or a response, as far as these tests read them. */
interface Event {
  type: string;
  delta?: string;
  text?: string;
  response?: ResponseObject;
}

const GLM = "@cf/zai-org/glm-4.7-flash";
const vars = { KV_WRITE_SPACING_MS: "0" };

describe("Responses reasoning", () => {
  it("streams a reasoning item with reasoning_text events, then the message", async () => {
    const ai = fakeAi(fx.CHAT_STREAM_REASONING);
    const res = await postJson(testWorker({ ai, vars }), "/responses", { model: GLM, input: "capital of France?", stream: true });
    const events = (await readSse(res)).map((e) => e.data as Event);
    for (const e of events) expectSchema("ResponseStreamEvent", e);
    expectEventOrder(events as never);
    const types = events.map((e) => e.type);
    expect(types.slice(2, 5)).toEqual(["response.output_item.added", "response.content_part.added", "response.reasoning_text.delta"]);
    const reasoning = events.filter((e) => e.type === "response.reasoning_text.delta").map((e) => e.delta);
    expect(reasoning.join("")).toBe("The user asks for the capital of France: Paris.");
    expect(events.find((e) => e.type === "response.reasoning_text.done")?.text).toBe("The user asks for the capital of France: Paris.");
    const done = events.at(-1) as Event;
    const response = done.response as ResponseObject;
    expect(done.type).toBe("response.completed");
    expectSchema("Response", response);
    expect(response.output.map((i) => i.type)).toEqual(["reasoning", "message"]);
    expect(response.output[0]).toMatchObject({
      content: [{ type: "reasoning_text", text: "The user asks for the capital of France: Paris." }],
    });
    expect(response.output[1]).toMatchObject({ content: [{ text: "Paris is the capital of France — café." }] });
    expect(response.usage?.output_tokens_details).toEqual({ reasoning_tokens: 12 });
  });

  it("with reasoning.summary, the reasoning is also its summary, with the summary events", async () => {
    const ai = fakeAi(fx.CHAT_STREAM_REASONING);
    const body = { model: GLM, input: "capital?", stream: true, reasoning: { summary: "auto" } };
    const events = (await readSse(await postJson(testWorker({ ai, vars }), "/responses", body))).map((e) => e.data as Event);
    for (const e of events) expectSchema("ResponseStreamEvent", e);
    expectEventOrder(events as never);
    const summary = events.filter((e) => e.type === "response.reasoning_summary_text.delta").map((e) => e.delta);
    expect(summary.join("")).toBe("The user asks for the capital of France: Paris.");
    const types = events.map((e) => e.type);
    expect(types).toContain("response.reasoning_summary_part.added");
    expect(types).toContain("response.reasoning_summary_part.done");
    const item = (events.at(-1) as Event).response?.output[0];
    expect(item).toMatchObject({ summary: [{ type: "summary_text", text: "The user asks for the capital of France: Paris." }] });
  });

  it("reasoning.effort reaches the inputs; thinking that used the budget ends incomplete", async () => {
    const ai = fakeAi(fx.CHAT_LENGTH_REASONING);
    const res = await postJson(testWorker({ ai, vars }), "/responses", {
      model: GLM,
      input: "capital?",
      reasoning: { effort: "low" },
      max_output_tokens: 20,
    });
    const body = (await res.json()) as ResponseObject;
    expectSchema("Response", body);
    expect(ai.calls[0]?.inputs.reasoning_effort).toBe("low");
    expect(body.status).toBe("incomplete");
    expect(body.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(body.output.map((i) => [i.type, "status" in i ? i.status : undefined])).toEqual([["reasoning", "incomplete"]]);
  });

  it("a non-reasoning name switches thinking off; returned reasoning items are accepted as input", async () => {
    const ai = fakeAi(fx.CHAT_TEXT);
    const input = [
      { type: "reasoning", id: "rs_1", summary: [], content: [{ type: "reasoning_text", text: "earlier thought" }] },
      { role: "user", content: "hi" },
    ];
    const res = await postJson(testWorker({ ai, vars }), "/responses", { model: "gpt-4.1", input, store: false });
    expect(res.status).toBe(200);
    expect(ai.calls[0]?.inputs.chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(JSON.stringify(ai.calls[0]?.inputs.messages)).not.toContain("earlier thought");
  });
});
