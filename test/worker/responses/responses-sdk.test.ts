/**
 * Contract tests: the official `openai` SDK, unchanged, drives `/v1/responses` on the offline
 * emulator. Every response object and streamed event is validated against OpenAI's schemas,
 * and streamed sequence numbers are checked.
 */
import { describe, expect, it } from "vitest";
import { zodTextFormat } from "openai/helpers/zod";
import { z } from "zod";
import { expectSchema } from "../../helpers/openapi";
import { testWorker } from "../../helpers/worker";
import { expectEventOrder, weatherTool } from "./helpers";

describe("responses.create with the official SDK", () => {
  it("answers a string input with a completed response", async () => {
    const { client } = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const response = await client.responses.create({
      model: "gpt-4o-mini",
      input: "Hello there, ünïcödé 😀",
      instructions: "Be brief.",
      metadata: { k: "v" },
    });
    expectSchema("Response", response);
    expect(response.object).toBe("response");
    expect(response.status).toBe("completed");
    expect(response.model).toBe("gpt-4o-mini");
    expect(response.instructions).toBe("Be brief.");
    expect(response.metadata).toEqual({ k: "v" });
    expect(response.output_text).toContain("Hello there, ünïcödé 😀");
    const message = response.output[0];
    expect(message?.type === "message" && message.content[0]?.type === "output_text" && message.content[0].annotations).toEqual([]);
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    expect(response.usage?.total_tokens).toBe((response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0));
    expect(response.completed_at).toBeGreaterThanOrEqual(response.created_at);
  });

  it("accepts an item list with every message role and the accepted-but-ignored fields", async () => {
    const { client } = testWorker();
    const response = await client.responses.create({
      model: "gpt-4o",
      input: [
        { role: "developer", content: "You are terse." },
        { role: "user", content: [{ type: "input_text", text: "first question" }] },
        { role: "assistant", content: "first answer" },
        { type: "message", role: "user", content: "second question" },
      ],
      temperature: 0.2,
      top_p: 0.9,
      reasoning: { effort: "low" },
      truncation: "auto",
      include: ["message.output_text.logprobs"],
      prompt_cache_key: "k1",
      safety_identifier: "user-1",
      service_tier: "auto",
      user: "legacy-user",
      store: false,
    });
    expectSchema("Response", response);
    expect(response.output_text).toContain("second question");
    expect(response).toMatchObject({
      temperature: 0.2,
      top_p: 0.9,
      truncation: "auto",
      prompt_cache_key: "k1",
      safety_identifier: "user-1",
      store: false,
    });
    expect(response.reasoning).toEqual({ effort: "low", summary: null });
  });

  it("reports max_output_tokens as incomplete with incomplete_details", async () => {
    const { client } = testWorker();
    const response = await client.responses.create({
      model: "gpt-4o",
      input: Array.from({ length: 40 }, (_, i) => `word${i}`).join(" "),
      max_output_tokens: 16,
    });
    expectSchema("Response", response);
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.max_output_tokens).toBe(16);
    expect(response.output[0]?.type === "message" && response.output[0].status).toBe("incomplete");
  });

  it("streams with the async iterator: every event valid, numbered, in order", async () => {
    const { client } = testWorker();
    const stream = await client.responses.create({ model: "gpt-4o", input: "stream me some words with é and 😀 please", stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    for (const e of events) expectSchema("ResponseStreamEvent", e);
    expectEventOrder(events);
    expect(events.map((e) => e.type).filter((t) => t !== "response.output_text.delta")).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const deltas = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : []));
    expect(deltas.length).toBeGreaterThan(2);
    const done = events.find((e) => e.type === "response.output_text.done");
    expect(deltas.join("")).toBe(done?.type === "response.output_text.done" && done.text);
    expect(deltas.join("")).toContain("stream me some words with é and 😀 please");
  });

  it("supports responses.stream() and finalResponse()", async () => {
    const { client } = testWorker();
    const deltas: string[] = [];
    const runner = client.responses
      .stream({ model: "gpt-4.1", input: "helper test" })
      .on("response.output_text.delta", (e) => deltas.push(e.delta));
    const final = await runner.finalResponse();
    expectSchema("Response", final);
    expect(final.status).toBe("completed");
    expect(deltas.join("")).toBe(final.output_text);
    expect(final.output_text).toContain("helper test");
  });

  it("parses structured output with responses.parse and a zod text format", async () => {
    const { client } = testWorker();
    const Weather = z.object({ city: z.string(), temperature: z.number(), sunny: z.boolean() });
    const response = await client.responses.parse({
      model: "gpt-4o",
      input: 'Weather for "Paris" as JSON',
      text: { format: zodTextFormat(Weather, "weather") },
    });
    expectSchema("Response", response);
    expect(response.text?.format).toMatchObject({ type: "json_schema", name: "weather", strict: true });
    const parsed = response.output_parsed;
    expect(Weather.parse(parsed)).toEqual(parsed);
    expect(parsed?.city).toBe("Paris");
  });

  it("answers json_object format with JSON text", async () => {
    const { client } = testWorker();
    const response = await client.responses.create({ model: "gpt-4o", input: "give me JSON", text: { format: { type: "json_object" } } });
    expectSchema("Response", response);
    expect(JSON.parse(response.output_text)).toMatchObject({ emulator: true });
  });

  it("echoes function tools normalized", async () => {
    const { client } = testWorker();
    const response = await client.responses.create({ model: "gpt-4o", input: "nothing to call", tools: [weatherTool] });
    expectSchema("Response", response);
    expect(response.tools).toEqual([{ ...weatherTool, strict: true }]);
    expect(response.tool_choice).toBe("auto");
  });
});
