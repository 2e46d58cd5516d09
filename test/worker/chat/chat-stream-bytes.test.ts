/**
 * The bytes a streaming client receives, from recorded Workers AI streams delivered in
 * irregular chunks: exact SSE framing, one id, schema-valid chunks, and an `error` event
 * (never a silent cut) when the upstream fails mid-way.
 */
import { describe, expect, it } from "vitest";
import * as fx from "../../fixtures/workers-ai";
import { failingSseStream, fakeAi, readSse } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { FIXED_SECONDS, useFixedClock } from "../../helpers/fixed-clock";
import { postJson, testWorker } from "../../helpers/worker";

useFixedClock();

const request = { model: "gpt-4o", messages: [{ role: "user", content: "Combien coûte un café ?" }], stream: true };

/** The fields every chunk of the stream starts with. */
const HEAD = `"id":"chatcmpl-0001","object":"chat.completion.chunk","created":${FIXED_SECONDS},"model":"gpt-4o"`;
const delta = (d: string, finish = "null") =>
  `data: {${HEAD},"choices":[{"index":0,"delta":${d},"logprobs":null,"finish_reason":${finish}}],"usage":null}\n\n`;

/** NATIVE_STREAM with include_usage, as a client receives it (the upstream's irregular cuts healed). */
const EXPECTED_BODY = [
  delta('{"role":"assistant","content":"","refusal":null}'),
  ...["Le", " café", " coûte", " 3", " €", " 🥐", "."].map((t) => delta(`{"content":"${t}"}`)),
  delta("{}", '"stop"'),
  `data: {${HEAD},"choices":[],"usage":{"prompt_tokens":24,"completion_tokens":8,"total_tokens":32}}\n\n`,
  "data: [DONE]\n\n",
].join("");

describe("streamed chat completion bytes", () => {
  it("sends exactly the expected bytes (fixed clock and ids), each chunk schema-valid", async () => {
    const ai = fakeAi(fx.NATIVE_STREAM);
    const res = await postJson(testWorker({ ai }), "/chat/completions", { ...request, stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await res.clone().text()).toBe(EXPECTED_BODY);

    const events = await readSse(res);
    const chunks = events.slice(0, -1).map((e) => e.data as Record<string, unknown>);
    for (const c of chunks) expectSchema("CreateChatCompletionStreamResponse", c);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(new Set(chunks.map((c) => c.created)).size).toBe(1);
    const deltas = chunks.map((c) => (c.choices as { delta: { content?: string } }[])[0]?.delta.content ?? "").join("");
    expect(deltas).toBe("Le café coûte 3 € 🥐.");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 } });
    expect(ai.calls[0]?.inputs.stream).toBe(true);
  });

  it("streams a chat-format upstream with a tool call as an indexed tool_calls delta", async () => {
    const ai = fakeAi(fx.CHAT_STREAM_TOOL_CALLS);
    // No tools in the request, so the upstream streams; the model still called one.
    const res = await postJson(testWorker({ ai }), "/chat/completions", request);
    const chunks = (await readSse(res))
      .slice(0, -1)
      .map((e) => e.data as { choices: { delta: Record<string, unknown>; finish_reason: string | null }[] });
    for (const c of chunks) expectSchema("CreateChatCompletionStreamResponse", c);
    const toolDelta = chunks.find((c) => c.choices[0]?.delta.tool_calls);
    expect(toolDelta?.choices[0]?.delta.tool_calls).toEqual([
      { index: 0, id: "call_7f3a9c2e1b4d4f8a", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("ends with an `event: error` when the upstream fails mid-stream", async () => {
    const ai = fakeAi(() => failingSseStream('data: {"response":"partial"}\n\n', new Error("3040: Capacity temporarily exceeded")));
    const res = await postJson(testWorker({ ai }), "/chat/completions", request);
    expect(res.status).toBe(200);
    const events = await readSse(res);
    const last = events.at(-1);
    expect(last?.event).toBe("error");
    expectSchema("ErrorResponse", last?.data);
    expect(last?.data).toMatchObject({ error: { type: "rate_limit_error" } });
    expect(events.some((e) => e.data === "[DONE]")).toBe(false);
    expect(JSON.stringify(events[1]?.data)).toContain("partial");
  });

  it("serves a JSON-mode or tools request whole from the backend, then streams it", async () => {
    const ai = fakeAi(fx.NATIVE_JSON_MODE);
    const res = await postJson(testWorker({ ai }), "/chat/completions", { ...request, response_format: { type: "json_object" } });
    expect(ai.calls[0]?.inputs.stream).toBeUndefined();
    const chunks = (await readSse(res)).slice(0, -1).map((e) => e.data as { choices: { delta: { content?: string } }[] });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(JSON.parse(text)).toEqual(fx.NATIVE_JSON_MODE.response);
  });

  it("maps an error before the first byte to an HTTP error status, not a 200 stream", async () => {
    const ai = fakeAi(new Error("3040: Capacity temporarily exceeded, please try again."));
    const res = await postJson(testWorker({ ai }), "/chat/completions", request);
    expect(res.status).toBe(429);
    expectSchema("ErrorResponse", await res.json());
  });
});
