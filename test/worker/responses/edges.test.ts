/**
 * The edges of `/v1/responses`: bad input (OpenAI's envelope, a 4xx, never a 5xx), a backend
 * failing mid-stream (`response.failed` then `error`), input-token counts, compaction
 * (restores context; tampering refused), and the KV cost of a turn.
 */
import { describe, expect, it } from "vitest";
import { failingSseStream, fakeAi, readSse } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";
import { expectEventOrder } from "./helpers";

const ok = { model: "gpt-4o", input: "hi" };

describe("bad input on /v1/responses", () => {
  it.each([
    [{ input: "hi" }, "model"],
    [{ ...ok, input: 42 }, "input"],
    [{ ...ok, input: [{ type: "telepathy" }] }, "input[0].type"],
    [{ ...ok, input: [{ role: "wizard", content: "x" }] }, "input[0].role"],
    [{ ...ok, input: [{ role: "user", content: [{ type: "input_audio" }] }] }, "input[0].content[0].type"],
    [{ ...ok, input: [{ type: "function_call_output", call_id: "call_x", output: "1" }] }, "input[0]"],
    [{ ...ok, input: [{ type: "compaction", encrypted_content: "afc1.AAAA" }] }, "input[0].encrypted_content"],
    [{ ...ok, tools: [{ type: "teleport" }] }, "tools[0].type"],
    [{ ...ok, tools: [{ name: "f" }] }, "tools[0].type"],
    [{ ...ok, tools: [{ type: "function", name: "bad name!" }] }, "tools[0].name"],
    [{ ...ok, tools: [{ type: "function" }] }, "tools[0].name"],
    [{ ...ok, tool_choice: "always" }, "tool_choice"],
    [{ ...ok, tool_choice: { type: "function", name: "nope" } }, "tool_choice.name"],
    [{ ...ok, text: { format: { type: "xml" } } }, "text.format.type"],
    [{ ...ok, text: { format: { type: "json_schema", name: "x" } } }, "text.format.schema"],
    [{ ...ok, text: { format: { type: "json_schema", schema: {} } } }, "text.format.name"],
    [{ ...ok, max_output_tokens: 4 }, "max_output_tokens"],
    [{ ...ok, temperature: 3 }, "temperature"],
    [{ ...ok, reasoning: { effort: "extreme" } }, "reasoning.effort"],
    [{ ...ok, conversation: "nope" }, "conversation"],
    [{ ...ok, background: true, store: false }, "background"],
    [{ ...ok, previous_response_id: "resp_missing" }, "previous_response_id"],
    [{ ...ok, metadata: { k: 1 } }, "metadata.k"],
  ])("%j → 400 with param %s", async (body, param) => {
    const res = await postJson(testWorker(), "/responses", body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { param: string } };
    expectSchema("ErrorResponse", json);
    expect(json.error.param).toBe(param);
  });

  it("an oversized input → 413", async () => {
    const res = await postJson(testWorker({ vars: { MAX_BODY_BYTES: "1000" } }), "/responses", { ...ok, input: "x".repeat(2000) });
    expect(res.status).toBe(413);
    expectSchema("ErrorResponse", await res.json());
  });

  it("unknown response and conversation ids → 404", async () => {
    const w = testWorker();
    for (const path of [
      "/responses/resp_missing",
      "/responses/nope",
      "/responses/resp_missing/input_items",
      "/conversations/conv_missing",
      "/conversations/conv_missing/items",
    ]) {
      const res = await w.fetch(`https://ai-forwarder.test/v1${path}`, { headers: { authorization: "Bearer sk-test" } });
      expect(res.status, path).toBe(404);
      expectSchema("ErrorResponse", await res.json());
    }
  });
});

describe("a backend failing mid-stream", () => {
  it("ends with response.failed then an error event, every event valid and numbered", async () => {
    const ai = fakeAi(() => failingSseStream('data: {"response":"partial"}\n\n', new Error("3040: Capacity temporarily exceeded")));
    const res = await postJson(testWorker({ ai, vars: { KV_WRITE_SPACING_MS: "0" } }), "/responses", { ...ok, stream: true });
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    expect(text).toMatch(/^event: response\.created\ndata: \{.*\}\n\n/);
    expect(text.endsWith("\n\n")).toBe(true);
    const events = await readSse(res);
    for (const e of events) {
      expectSchema("ResponseStreamEvent", e.data);
      expect(e.event).toBe((e.data as { type: string }).type);
    }
    const data = events.map((e) => e.data as { type: string; sequence_number: number; response?: { status: string; error: unknown } });
    expectEventOrder(data);
    expect(data.map((d) => d.type).slice(-2)).toEqual(["response.failed", "error"]);
    const failed = data.at(-2)?.response;
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatchObject({ code: "rate_limit_exceeded" });
    const partial = data.find((d) => d.type === "response.output_text.delta") as { delta?: string } | undefined;
    expect(partial?.delta).toBe("partial");
  });
});

describe("input tokens and compaction", () => {
  it("counts input tokens for a chain without generating", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const first = await w.client.responses.create({ model: "gpt-4o", input: "a fairly long first message to count" });
    const count = await w.client.responses.inputTokens.count({ model: "gpt-4o", input: "and more", previous_response_id: first.id });
    expectSchema("TokenCountsResource", count);
    expect(count.object).toBe("response.input_tokens");
    const alone = await w.client.responses.inputTokens.count({ model: "gpt-4o", input: "and more" });
    expect(count.input_tokens).toBeGreaterThan(alone.input_tokens);
  });

  it("a compaction item restores the compacted context, and a tampered one is refused", async () => {
    const ai = fakeAi({ response: "ok" }, (_m: string, inputs: Record<string, unknown>) => ({ response: JSON.stringify(inputs.messages) }));
    const w = testWorker({ ai, vars: { KV_WRITE_SPACING_MS: "0", COMPACTION_SECRET: "s3cret" } });
    const first = await w.client.responses.create({ model: "gpt-4o", input: "the secret word is heron" });
    const compacted = await w.client.responses.compact({ model: "gpt-4o", previous_response_id: first.id });
    expectSchema("CompactResource", compacted);
    const item = compacted.output[0];
    if (item?.type !== "compaction") throw new Error("expected a compaction item");
    expect(item.encrypted_content).not.toContain("heron");
    const next = await w.client.responses.create({
      model: "gpt-4o",
      input: [item, { role: "user", content: "what was it?" }],
      store: false,
    });
    const prompt = JSON.parse(next.output_text) as { role: string; content: string }[];
    expect(prompt.map((m) => m.content)).toEqual(["the secret word is heron", "ok", "what was it?"]);

    const tampered = item.encrypted_content.slice(0, -2) + (item.encrypted_content.endsWith("A") ? "BB" : "AA");
    const res = await postJson(w, "/responses", { model: "gpt-4o", input: [{ type: "compaction", encrypted_content: tampered }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_encrypted_content");
  });
});

describe("KV operations per turn", () => {
  it("a stored turn: 1 write; a chained turn: 1 read + 1 write, at any chain length", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    w.kv.reset();
    let previous = (await w.client.responses.create({ model: "gpt-4o", input: "turn 0" })).id;
    expect(w.kv.take()).toEqual({ reads: 0, writes: 1, deletes: 0, lists: 0 });
    for (let i = 1; i <= 4; i++) {
      previous = (await w.client.responses.create({ model: "gpt-4o", input: `turn ${i}`, previous_response_id: previous })).id;
      expect(w.kv.take()).toEqual({ reads: 1, writes: 1, deletes: 0, lists: 0 });
    }
  });

  it("a conversation turn: 1 read + 1 list, 1 write for the response and 1 per item of the turn, at any length", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const conv = await w.client.conversations.create({});
    for (let i = 0; i < 3; i++) {
      w.kv.reset();
      await w.client.responses.create({ model: "gpt-4o", input: `turn ${i}`, conversation: conv.id });
      expect(new Set(w.kv.writtenKeys).size).toBe(w.kv.writtenKeys.length);
      expect(w.kv.take()).toEqual({ reads: 1, writes: 3, deletes: 0, lists: 1 });
    }
  });

  it("store: false and a background turn", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    w.kv.reset();
    await w.client.responses.create({ model: "gpt-4o", input: "x", store: false });
    expect(w.kv.take()).toEqual({ reads: 0, writes: 0, deletes: 0, lists: 0 });
    await w.client.responses.create({ model: "gpt-4o", input: "x", background: true });
    await w.settle();
    // Cancel vs finish is decided by the response's coordinator (2 Durable Object requests), not a KV read.
    expect(w.kv.take()).toEqual({ reads: 0, writes: 2, deletes: 0, lists: 0 });
  });
});
