/**
 * Streamed Workers AI outputs → events, with the bytes cut at every possible point:
 * inside events, inside `data:` lines and inside multi-byte characters.
 */
import { tokensForChars } from "../../../src/util/estimate-tokens";
import { describe, expect, it } from "vitest";
import type { ChatEvent } from "../../../src/ai/types";
import { decodeStream } from "../../../src/ai/providers/workers-ai/decode-stream";
import { collectEvents } from "../../../src/chat/stream-utils";
import * as fx from "../../fixtures/workers-ai";

function bytesIn(text: string, cut: (bytes: Uint8Array) => Uint8Array[]): ReadableStream<Uint8Array> {
  const parts = cut(new TextEncoder().encode(text));
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(p);
      c.close();
    },
  });
}

const everyBytes = (n: number) => (bytes: Uint8Array) => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += n) out.push(bytes.slice(i, i + n));
  return out;
};

function textOf(events: ChatEvent[]): string {
  return events.map((e) => (e.type === "text" ? e.text : "")).join("");
}

describe("decodeStream", () => {
  it.each([1, 2, 3, 7, 64, 100000])("native stream cut every %i bytes decodes identically", async (n) => {
    const events = await collectEvents(decodeStream(bytesIn(fx.NATIVE_STREAM, everyBytes(n))));
    expect(textOf(events)).toBe("Le café coûte 3 € 🥐.");
    expect(events.at(-2)).toEqual({ type: "usage", usage: { prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 } });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
  });

  it("chat-format stream with a tool call: text, the whole call, cumulative usage, tool_calls finish", async () => {
    const events = await collectEvents(decodeStream(bytesIn(fx.CHAT_STREAM_TOOL_CALLS, everyBytes(5))));
    expect(textOf(events)).toBe("I'll look up the weather in Paris.");
    expect(events.filter((e) => e.type === "tool_call")).toEqual([
      { type: "tool_call", call: { id: "call_7f3a9c2e1b4d4f8a", name: "get_weather", arguments: '{"city": "Paris"}' } },
    ]);
    // The reasoning deltas stay reasoning; its tokens are estimated (the stream reports none).
    const reasoning = events.flatMap((e) => (e.type === "reasoning" ? [e.text] : [])).join("");
    expect(reasoning).toBe("The user wants the weather in Paris, so call get_weather.");
    expect(events.at(-2)).toEqual({
      type: "usage",
      usage: { prompt_tokens: 182, completion_tokens: 41, total_tokens: 223, reasoning_tokens: tokensForChars(reasoning.length) },
    });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "tool_calls" });
  });

  it("a recorded gemma-4 stream (chat format, multi-byte text) decodes to its text", async () => {
    const whole = await collectEvents(decodeStream(bytesIn(fx.CHAT_STREAM_GEMMA4, (b) => [b])));
    const split = await collectEvents(decodeStream(bytesIn(fx.CHAT_STREAM_GEMMA4, everyBytes(3))));
    expect(textOf(split)).toBe(textOf(whole));
    expect(textOf(whole).length).toBeGreaterThan(10);
  });

  it("merges tool-call argument deltas streamed in pieces by index", async () => {
    const sse = [
      { choices: [{ delta: { tool_calls: [{ index: 0, id: "call_a", function: { name: "f", arguments: '{"x":' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 1, id: "call_b", function: { name: "g", arguments: "{}" } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: "1}" } }] }, finish_reason: "tool_calls" }] },
    ]
      .map((o) => `data: ${JSON.stringify(o)}\n\n`)
      .join("");
    const events = await collectEvents(decodeStream(bytesIn(`${sse}data: [DONE]\n\n`, everyBytes(4))));
    expect(events.filter((e) => e.type === "tool_call").map((e) => e.type === "tool_call" && e.call)).toEqual([
      { id: "call_a", name: "f", arguments: '{"x":1}' },
      { id: "call_b", name: "g", arguments: "{}" },
    ]);
  });

  it("ends with an error event when the upstream stops without saying it is done", async () => {
    const sse = 'data: {"response":"half an ans"}\n\n';
    const events = await collectEvents(decodeStream(bytesIn(sse, everyBytes(5))));
    expect(textOf(events)).toBe("half an ans");
    const last = events.at(-1);
    expect(last?.type).toBe("error");
    expect(last?.type === "error" && last.error.status).toBe(502);
    expect(events.some((e) => e.type === "finish")).toBe(false);
  });

  it("skips a malformed event and keeps going", async () => {
    const sse = 'data: {"response":"a"}\n\ndata: {oops\n\ndata: {"response":"b"}\n\ndata: [DONE]\n\n';
    const events = await collectEvents(decodeStream(bytesIn(sse, everyBytes(2))));
    expect(textOf(events)).toBe("ab");
  });

  it("says length when the backend is silent and max_tokens was reached", async () => {
    const sse =
      'data: {"response":"a b"}\n\ndata: {"response":"","usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}\n\ndata: [DONE]\n\n';
    const events = await collectEvents(decodeStream(bytesIn(sse, everyBytes(9)), { maxTokens: 2 }));
    expect(events.at(-1)).toEqual({ type: "finish", reason: "length" });
  });

  it("reads Responses-format stream events", async () => {
    const sse = [
      { type: "response.output_text.delta", delta: "Hel" },
      { type: "response.output_text.delta", delta: "lo" },
      { type: "response.output_item.done", item: { type: "function_call", id: "fc_1", call_id: "call_1", name: "f", arguments: "{}" } },
      { type: "response.completed", response: { usage: { input_tokens: 3, output_tokens: 2 } } },
    ]
      .map((o) => `data: ${JSON.stringify(o)}\n\n`)
      .join("");
    const events = await collectEvents(decodeStream(bytesIn(sse, everyBytes(6))));
    expect(textOf(events)).toBe("Hello");
    expect(events.slice(-3)).toEqual([
      { type: "tool_call", call: { id: "call_1", name: "f", arguments: "{}" } },
      { type: "usage", usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
      { type: "finish", reason: "tool_calls" },
    ]);
  });
});
