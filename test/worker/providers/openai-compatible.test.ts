/**
 * The OpenAI-compatible provider against a fake `fetch`: the error table (envelopes passed
 * through, this server's credentials never blamed on the client, keys scrubbed), the chat body
 * it sends, the events it decodes (plain, streamed with tool-call deltas split across reads),
 * fallback on 429 / unreachable / timeout before any byte, never after a 200, and every
 * non-chat capability reading OpenAI's answers.
 */
import { describe, expect, it } from "vitest";
import type { Fetcher } from "../../../src/ai/providers/openai-compatible/call-upstream";
import { chatBody } from "../../../src/ai/providers/openai-compatible/chat-body";
import { UPSTREAM_ERRORS, mapUpstreamError, shouldFallBack } from "../../../src/ai/providers/openai-compatible/error-table";
import { openAICompatibleProvider } from "../../../src/ai/providers/openai-compatible/provider";
import type { UpstreamEndpoint } from "../../../src/ai/providers/openai-compatible/upstream-endpoints";
import { resolveModel } from "../../../src/ai/registry/resolve-model";
import { readConfig } from "../../../src/config";
import type { ChatEvent, ChatRequest } from "../../../src/ai/types";
import { collectEvents } from "../../../src/chat/stream-utils";
import { OpenAIError } from "../../../src/http/errors";

const KEY = "sk-upstream-key-123";

function endpoint(name: string, timeoutMs = 1000): UpstreamEndpoint {
  return {
    config: {
      name,
      baseUrl: `https://${name}.example/v1`,
      apiKeySecret: "K",
      apiKeyHeader: "authorization",
      headers: { "x-title": "t" },
      timeoutMs,
    },
    key: KEY,
  };
}

interface Sent {
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch answering from `answers` in order (a function may throw or hang), recording each call. */
function fakeFetch(...answers: (Response | ((init: RequestInit) => Promise<Response>))[]): Fetcher & { sent: Sent[] } {
  const sent: Sent[] = [];
  const fn = async (url: string, init: RequestInit) => {
    sent.push({ url, headers: new Headers(init.headers), body: typeof init.body === "string" ? init.body : "" });
    const answer = answers.shift();
    if (!answer) throw new Error("unexpected call");
    return typeof answer === "function" ? answer(init) : answer;
  };
  return Object.assign(fn, { sent });
}

const json = (status: number, value: unknown) => Response.json(value, { status });
const sse = (...payloads: string[]) => {
  const text = payloads.map((p) => `data: ${p}\n\n`).join("");
  const bytes = new TextEncoder().encode(text);
  // Split mid-event and mid-character, as a network would.
  const cut = Math.floor(bytes.length / 2) + 1;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes.slice(0, cut));
      c.enqueue(bytes.slice(cut));
      c.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream" } });
};

const request: ChatRequest = { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], maxTokens: 100 };

function chat(fetcher: Fetcher, ...names: string[]) {
  return openAICompatibleProvider({ endpoints: (names.length ? names : ["primary"]).map((n) => endpoint(n)), fetch: fetcher }).chat;
}

describe("upstream error table", () => {
  it("passes an OpenAI envelope's message, param and code through under the table's status", () => {
    const err = mapUpstreamError(
      "openai",
      400,
      JSON.stringify({ error: { message: "bad temp", type: "invalid_request_error", param: "temperature", code: "x" } }),
      [],
    );
    expect(err.toJSON()).toEqual({ error: { message: "bad temp", type: "invalid_request_error", param: "temperature", code: "x" } });
    expect(err.status).toBe(400);
  });

  it("never blames the client for the upstream refusing this server's key, and withholds the upstream's text", () => {
    const err = mapUpstreamError("openai", 401, JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }), [KEY]);
    expect(err.status).toBe(502);
    expect(err.code).toBe("upstream_authentication_failed");
    expect(err.message).not.toContain("sk-");
    expect(err.message).toContain("api_key_secret");
  });

  it("maps rate limits and failures, scrubs keys from any text, and names non-JSON answers", () => {
    expect(mapUpstreamError("u", 429, '{"error":{"message":"slow down"}}', []).status).toBe(429);
    const html = mapUpstreamError("u", 503, `<html>down ${KEY}</html>`, [KEY]);
    expect(html.status).toBe(503);
    expect(html.message).toBe("<html>down [redacted]</html>");
    expect(mapUpstreamError("u", 500, "", []).toJSON().error).toEqual({
      message: "The upstream `u` answered HTTP 500.",
      type: "server_error",
      param: null,
      code: "upstream_error",
    });
    expect(mapUpstreamError("u", 418, "teapot", []).status).toBe(400);
  });

  it("falls back exactly on 408, 429 and 5xx", () => {
    const fallback = Object.entries(UPSTREAM_ERRORS)
      .filter(([, rule]) => rule.fallback)
      .map(([status]) => Number(status));
    expect(fallback).toEqual([408, 429, 500, 502, 503, 504, 529]);
    expect(shouldFallBack(501)).toBe(true);
    expect(shouldFallBack(400)).toBe(false);
  });
});

describe("chat body", () => {
  it("sends OpenAI's own fields: tools, tool_choice, json_schema, max_completion_tokens, stream usage", () => {
    const body = chatBody(
      {
        ...request,
        messages: [
          { role: "system", content: "sys" },
          { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "f", arguments: "{}" }] },
          { role: "tool", toolCallId: "c1", content: "42" },
        ],
        temperature: 0,
        stop: ["END"],
        tools: [{ name: "f", parameters: { type: "object" }, strict: true }],
        toolChoice: { name: "f" },
        parallelToolCalls: false,
        responseFormat: { type: "json_schema", name: "s", schema: { type: "object" }, strict: true },
      },
      true,
    );
    expect(body).toEqual({
      model: "gpt-4o",
      messages: [
        { role: "system", content: "sys" },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c1", content: "42" },
      ],
      temperature: 0,
      max_completion_tokens: 100,
      stop: ["END"],
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" }, strict: true } }],
      tool_choice: { type: "function", function: { name: "f" } },
      parallel_tool_calls: false,
      response_format: { type: "json_schema", json_schema: { name: "s", schema: { type: "object" }, strict: true } },
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});

describe("reasoning over an upstream", () => {
  it("sends a client's reasoning_effort; a routed OpenAI name adds no default of its own", () => {
    expect(chatBody({ ...request, reasoningEffort: "low" }, false).reasoning_effort).toBe("low");
    expect(chatBody(request, false)).not.toHaveProperty("reasoning_effort");
    const config = readConfig({
      UPSTREAMS: JSON.stringify({ openai: { base_url: "https://api.openai.test/v1" } }),
      ROUTES: JSON.stringify([{ model: "gpt-4o", upstream: "openai" }]),
    });
    expect(resolveModel("gpt-4o", "chat", config).provider).toBe("openai-compatible");
    expect(resolveModel("gpt-4o", "chat", config).defaultEffort).toBeUndefined();
  });

  it("an upstream's reasoning_content becomes reasoning, counted in usage", async () => {
    const fetcher = fakeFetch(
      json(200, {
        choices: [{ index: 0, message: { role: "assistant", content: "4", reasoning_content: "2+2 is 4." }, finish_reason: "stop" }],
        usage: { prompt_tokens: 3, completion_tokens: 9, total_tokens: 12, completion_tokens_details: { reasoning_tokens: 7 } },
      }),
    );
    const events = await collectEvents(await chat(fetcher).generate(request, { stream: false }));
    expect(events).toEqual([
      { type: "reasoning", text: "2+2 is 4." },
      { type: "text", text: "4" },
      { type: "usage", usage: { prompt_tokens: 3, completion_tokens: 9, total_tokens: 12, reasoning_tokens: 7 } },
      { type: "finish", reason: "stop" },
    ]);
  });
});

describe("chat over an upstream", () => {
  it("decodes a whole completion, with the upstream's key and configured headers sent", async () => {
    const fetcher = fakeFetch(
      json(200, {
        choices: [{ index: 0, message: { role: "assistant", content: "hello" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
      }),
    );
    const events = await collectEvents(await chat(fetcher).generate(request, { stream: false }));
    expect(events).toEqual([
      { type: "text", text: "hello" },
      { type: "usage", usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } },
      { type: "finish", reason: "stop" },
    ]);
    const [sent] = fetcher.sent;
    expect(sent?.url).toBe("https://primary.example/v1/chat/completions");
    expect(sent?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(sent?.headers.get("x-title")).toBe("t");
  });

  it("decodes a stream split mid-event, with tool-call arguments in pieces, into whole calls", async () => {
    const chunk = (delta: unknown, finish: string | null = null) =>
      JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });
    const fetcher = fakeFetch(
      sse(
        chunk({ role: "assistant", content: "ü" }),
        chunk({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "f", arguments: '{"a"' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: ":1}" } }] }),
        chunk({}, "tool_calls"),
        JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
        "[DONE]",
      ),
    );
    const events = await collectEvents(await chat(fetcher).generate(request, { stream: true }));
    expect(events).toEqual([
      { type: "text", text: "ü" },
      { type: "tool_call", call: { id: "call_1", name: "f", arguments: '{"a":1}' } },
      { type: "usage", usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } },
      { type: "finish", reason: "tool_calls" },
    ]);
  });

  it("falls back on a 429 and on an unreachable upstream, to the next in order", async () => {
    const ok = json(200, { choices: [{ message: { content: "third" }, finish_reason: "stop" }] });
    const fetcher = fakeFetch(
      json(429, { error: { message: "slow" } }),
      () => Promise.reject(new TypeError("Network connection lost.")),
      ok,
    );
    const events = await collectEvents(await chat(fetcher, "a", "b", "c").generate(request, { stream: false }));
    expect(events[0]).toEqual({ type: "text", text: "third" });
    expect(fetcher.sent.map((s) => new URL(s.url).host)).toEqual(["a.example", "b.example", "c.example"]);
  });

  it("times out an upstream that sends no headers, then answers the last failure as a 504", async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const backend = openAICompatibleProvider({ endpoints: [endpoint("slow", 20)], fetch: fakeFetch(hang) }).chat;
    const failure = await backend.generate(request, { stream: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAIError);
    expect((failure as OpenAIError).toJSON().error).toEqual({
      message: "The upstream `slow` did not answer within 20 ms.",
      type: "server_error",
      param: null,
      code: "upstream_timeout",
    });
  });

  it("does not fall back once an upstream answered 200: a stream that breaks ends in an error event", async () => {
    let reads = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(c) {
        if (reads++ === 0) c.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ choices: [{ delta: { content: "par" } }] })}\n\n`));
        else c.error(new Error("connection reset"));
      },
    });
    const fetcher = fakeFetch(new Response(broken, { headers: { "content-type": "text/event-stream" } }), json(200, {}));
    const events: ChatEvent[] = await collectEvents(await chat(fetcher, "a", "b").generate(request, { stream: true }));
    expect(events[0]).toEqual({ type: "text", text: "par" });
    expect(events.at(-1)?.type).toBe("error");
    expect(fetcher.sent).toHaveLength(1);
  });

  it("answers the last upstream's own error when every upstream failed", async () => {
    const fetcher = fakeFetch(json(503, { error: { message: "a down" } }), json(400, { error: { message: "b says no", code: "nope" } }));
    const failure = (await chat(fetcher, "a", "b")
      .generate(request, { stream: false })
      .catch((e: unknown) => e)) as OpenAIError;
    expect([failure.status, failure.message, failure.code]).toEqual([400, "b says no", "nope"]);
  });
});

describe("non-chat capabilities over an upstream", () => {
  const config = readConfig({
    UPSTREAMS: JSON.stringify({ u: { base_url: "https://u.example/v1" } }),
    ROUTES: JSON.stringify([{ model: "up-*", upstream: "u" }]),
  });
  const provider = (fetcher: Fetcher) => openAICompatibleProvider({ endpoints: [endpoint("u")], fetch: fetcher });

  it("embeds in input order", async () => {
    const model = resolveModel("up-embed", "embedding", config);
    const fetcher = fakeFetch(
      json(200, {
        data: [
          { index: 1, embedding: [0, 1] },
          { index: 0, embedding: [1, 0] },
        ],
      }),
    );
    expect(await provider(fetcher).embedding.embed(model, ["a", "b"])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(JSON.parse(fetcher.sent[0]?.body ?? "")).toEqual({ model: "up-embed", input: ["a", "b"], encoding_format: "float" });
  });

  it("generates an image from b64_json and recognises its format", async () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    const fetcher = fakeFetch(json(200, { data: [{ b64_json: png }] }));
    const image = await provider(fetcher).image.generateImage(resolveModel("up-image", "image", config), {
      prompt: "p",
      size: { width: 512, height: 512 },
    });
    expect(image.format).toBe("png");
    expect(JSON.parse(fetcher.sent[0]?.body ?? "")).toEqual({
      model: "up-image",
      prompt: "p",
      n: 1,
      size: "512x512",
      response_format: "b64_json",
    });
  });

  it("classifies with the upstream's moderation categories", async () => {
    const fetcher = fakeFetch(json(200, { results: [{ flagged: true, categories: { hate: true, violence: false, "made-up": true } }] }));
    expect(await provider(fetcher).moderation.classify(resolveModel("up-mod", "moderation", config), "x")).toEqual({
      flagged: true,
      categories: ["hate"],
    });
  });

  it("streams speech back with the upstream's content type", async () => {
    const fetcher = fakeFetch(new Response("ID3abc", { headers: { "content-type": "audio/mpeg" } }));
    const audio = await provider(fetcher).speech.speak(resolveModel("up-tts", "speech", config), {
      text: "hi",
      speaker: "nova",
      format: "mp3",
    });
    expect(audio.contentType).toBe("audio/mpeg");
    expect(await new Response(audio.body).text()).toBe("ID3abc");
  });

  it("reads a verbose_json transcription", async () => {
    const fetcher = fakeFetch(
      json(200, { text: "hola", language: "spanish", duration: 1.5, segments: [{ start: 0, end: 1.5, text: "hola" }], words: [] }),
    );
    const transcript = await provider(fetcher).transcription.transcribe(resolveModel("up-stt", "transcription", config), {
      audio: new Uint8Array([1]),
      task: "transcribe",
    });
    expect(transcript).toEqual({
      text: "hola",
      language: "spanish",
      duration: 1.5,
      segments: [{ start: 0, end: 1.5, text: "hola" }],
      words: [],
    });
    expect(fetcher.sent[0]?.url).toBe("https://u.example/v1/audio/transcriptions");
  });
});
