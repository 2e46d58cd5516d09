/**
 * The response cache on `/v1/chat/completions`, end to end in workerd: MISS then HIT with
 * no second `AI.run`, one entry shared by plain and streamed requests (hits replayed as a
 * schema-valid chunk stream), the bypass rules, and the exact KV operations per request
 * that docs/CACHE.md states.
 *
 * Every test uses its own prompt (a random nonce), so entries left by other tests in the
 * same KV namespace or Cache API never answer for it.
 */
import { describe, expect, it } from "vitest";
import * as fx from "../../fixtures/workers-ai";
import { type FakeAi, fakeAi, readSse } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, type TestWorker, postJson, testWorker } from "../../helpers/worker";

const NO_KV = { reads: 0, writes: 0, deletes: 0, lists: 0 };
const MISS_KV = { reads: 1, writes: 1, deletes: 0, lists: 0 };
const KV_HIT_KV = { reads: 1, writes: 0, deletes: 0, lists: 0 };

const answer = { response: "The capital of France is Paris.", usage: { prompt_tokens: 18, completion_tokens: 8, total_tokens: 26 } };

function chat(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: "gpt-4o", messages: [{ role: "user", content: `Capital of France? ${crypto.randomUUID()}` }], temperature: 0, ...extra };
}

/** Same request as `postJson`, sent to another hostname: its first tier (Cache API) is cold, as at another location. */
function postElsewhere(w: TestWorker, body: unknown, host: string, headers: Record<string, string> = {}): Promise<Response> {
  return w.fetch(`${BASE_URL.replace("ai-forwarder.test", host)}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test", ...headers },
    body: JSON.stringify(body),
  });
}

async function send(w: TestWorker, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await postJson(w, "/chat/completions", body, headers);
  expect(res.status).toBe(200);
  return res;
}

interface Completion {
  id: string;
  created: number;
  model: string;
  choices: { message: { content: string | null; tool_calls?: unknown[] }; finish_reason: string }[];
  usage: unknown;
}

interface Chunk {
  id: string;
  created: number;
  choices: { delta: { content?: string; tool_calls?: unknown[] }; finish_reason: string | null }[];
  usage?: unknown;
}

/** Reads a chunk stream, checking every chunk against OpenAI's schema, one id, and `[DONE]` last. */
async function readChunks(res: Response): Promise<{ chunks: Chunk[]; text: string; finish: (string | null)[] }> {
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const events = await readSse(res);
  expect(events.at(-1)?.data).toBe("[DONE]");
  expect(events.every((e) => e.event === undefined)).toBe(true);
  const chunks = events.slice(0, -1).map((e) => e.data as Chunk);
  for (const c of chunks) expectSchema("CreateChatCompletionStreamResponse", c);
  expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  expect(new Set(chunks.map((c) => c.created)).size).toBe(1);
  return {
    chunks,
    text: chunks.map((c) => c.choices[0]?.delta.content ?? "").join(""),
    finish: chunks.map((c) => c.choices[0]?.finish_reason ?? null).filter((f) => f !== null),
  };
}

function workerWith(ai: FakeAi, vars: Record<string, string> = {}): TestWorker {
  return testWorker({ ai, vars });
}

describe("response cache: plain requests", () => {
  it("serves a deterministic request as a MISS, then a HIT with the same content and no second AI.run", async () => {
    const ai = fakeAi(answer);
    const w = workerWith(ai);
    const body = chat();

    const miss = await send(w, body);
    expect(miss.headers.get("x-cache")).toBe("MISS");
    expect(miss.headers.get("age")).toBeNull();
    const first = (await miss.json()) as Completion;
    await w.settle();
    expect(w.kv.take()).toEqual(MISS_KV);

    const hit = await send(w, body);
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.headers.get("age")).toMatch(/^\d+$/);
    const second = (await hit.json()) as Completion;
    await w.settle();
    // The first tier (Cache API) at this location answers: no KV operation at all.
    expect(w.kv.take()).toEqual(NO_KV);

    expectSchema("CreateChatCompletionResponse", second);
    expect(ai.calls).toHaveLength(1);
    expect(second.choices).toEqual(first.choices);
    expect(second.usage).toEqual(first.usage);
    expect(second.choices[0]?.message.content).toBe("The capital of France is Paris.");
    expect(second.id).not.toBe(first.id);
    expect(second.id).toMatch(/^chatcmpl-/);
  });

  it("costs one KV read and no AI.run where the first tier is cold, then fills that first tier", async () => {
    const ai = fakeAi(answer);
    const w = workerWith(ai);
    const body = chat();
    await send(w, body);
    await w.settle();
    expect(w.kv.take()).toEqual(MISS_KV);

    const elsewhere = await postElsewhere(w, body, "eu.ai-forwarder.test");
    expect(elsewhere.headers.get("x-cache")).toBe("HIT");
    expect(((await elsewhere.json()) as Completion).choices[0]?.message.content).toBe("The capital of France is Paris.");
    await w.settle();
    expect(w.kv.take()).toEqual(KV_HIT_KV);

    const again = await postElsewhere(w, body, "eu.ai-forwarder.test");
    expect(again.headers.get("x-cache")).toBe("HIT");
    await again.text();
    await w.settle();
    expect(w.kv.take()).toEqual(NO_KV);
    expect(ai.calls).toHaveLength(1);
  });

  it("does not split the key on user, metadata, stream_options or a different OpenAI alias of the same model", async () => {
    const ai = fakeAi(answer);
    const w = workerWith(ai);
    const body = chat();
    await send(w, body);
    await w.settle();
    const res = await send(w, { ...body, model: "gpt-4o-mini", user: "alice", metadata: { team: "a" } });
    expect(res.headers.get("x-cache")).toBe("HIT");
    expect(((await res.json()) as Completion).model).toBe("gpt-4o-mini");
    const streamed = await send(w, { ...body, user: "bob", stream: true, stream_options: { include_usage: true } });
    expect(streamed.headers.get("x-cache")).toBe("HIT");
    await streamed.text();
    expect(ai.calls).toHaveLength(1);
  });

  it("splits the key on every generation parameter, the model, messages, tools and response format", async () => {
    const base = chat();
    const variants: Record<string, unknown>[] = [
      { ...base, max_tokens: 100 },
      { ...base, top_p: 0.5 },
      { ...base, seed: 1 },
      { ...base, frequency_penalty: 0.1 },
      { ...base, presence_penalty: 0.1 },
      { ...base, stop: ["\n"] },
      { ...base, model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast" },
      { ...base, messages: [{ role: "system", content: "Be brief." }, ...(base.messages as unknown[])] },
      { ...base, tools: [{ type: "function", function: { name: "lookup" } }], tool_choice: "none" },
      { ...base, response_format: { type: "json_object" } },
    ];
    const ai = fakeAi(...[base, ...variants].map(() => answer));
    const w = workerWith(ai);
    for (const body of [base, ...variants]) {
      const res = await send(w, body);
      expect(res.headers.get("x-cache")).toBe("MISS");
      await res.text();
    }
    expect(ai.calls).toHaveLength(variants.length + 1);
  });

  it("caches tool calls with their ids and finish reason", async () => {
    const ai = fakeAi(fx.NATIVE_TOOL_CALLS);
    const w = workerWith(ai);
    const body = chat({ tools: [{ type: "function", function: { name: "getWeather", parameters: { type: "object" } } }] });
    const first = (await (await send(w, body)).json()) as Completion;
    await w.settle();
    const res = await send(w, { ...body, stream: true });
    expect(res.headers.get("x-cache")).toBe("HIT");
    const { chunks, finish } = await readChunks(res);
    const call = first.choices[0]?.message.tool_calls?.[0] as { id: string; function: unknown };
    expect(chunks.find((c) => c.choices[0]?.delta.tool_calls)?.choices[0]?.delta.tool_calls).toEqual([
      { index: 0, id: call.id, type: "function", function: call.function },
    ]);
    expect(finish).toEqual(["tool_calls"]);
    expect(ai.calls).toHaveLength(1);
  });
});

describe("response cache: streamed requests", () => {
  it("replays a plain answer as a valid chunk stream (fresh id and created, same text, finish and usage)", async () => {
    const ai = fakeAi(answer);
    const w = workerWith(ai);
    const body = chat();
    const plain = (await (await send(w, body)).json()) as Completion;
    await w.settle();
    w.kv.take();

    const res = await send(w, { ...body, stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("x-cache")).toBe("HIT");
    expect(res.headers.get("age")).toMatch(/^\d+$/);
    const { chunks, text, finish } = await readChunks(res);
    expect(text).toBe("The capital of France is Paris.");
    expect(finish).toEqual(["stop"]);
    expect(chunks[0]?.id).not.toBe(plain.id);
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: "assistant" });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: answer.usage });
    expect(ai.calls).toHaveLength(1);
    await w.settle();
    expect(w.kv.take()).toEqual(NO_KV);
  });

  it("streams a miss as it is generated, stores it once complete, and serves it to a plain request", async () => {
    const ai = fakeAi(fx.NATIVE_STREAM);
    const w = workerWith(ai);
    const body = chat({ stream: true, stream_options: { include_usage: true } });

    const miss = await send(w, body);
    expect(miss.headers.get("x-cache")).toBe("MISS");
    expect(ai.calls[0]?.inputs.stream).toBe(true);
    const streamed = await readChunks(miss);
    expect(streamed.text).toBe("Le café coûte 3 € 🥐.");
    await w.settle();
    expect(w.kv.take()).toEqual(MISS_KV);

    const res = await send(w, { ...body, stream: false, stream_options: undefined });
    expect(res.headers.get("x-cache")).toBe("HIT");
    const completion = (await res.json()) as Completion;
    expectSchema("CreateChatCompletionResponse", completion);
    expect(completion.choices[0]?.message.content).toBe("Le café coûte 3 € 🥐.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage).toEqual({ prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 });

    const again = await send(w, body);
    expect(again.headers.get("x-cache")).toBe("HIT");
    const replay = await readChunks(again);
    expect(replay.text).toBe(streamed.text);
    expect(replay.finish).toEqual(streamed.finish);
    expect(replay.chunks.at(-1)?.usage).toEqual(streamed.chunks.at(-1)?.usage);
    expect(replay.chunks[0]?.id).not.toBe(streamed.chunks[0]?.id);
    expect(ai.calls).toHaveLength(1);
  });

  it("omits the usage chunk on a streamed hit unless include_usage asks for it", async () => {
    const ai = fakeAi(answer);
    const w = workerWith(ai);
    const body = chat();
    await (await send(w, body)).text();
    await w.settle();
    const { chunks } = await readChunks(await send(w, { ...body, stream: true }));
    expect(chunks.every((c) => c.usage === undefined && c.choices.length === 1)).toBe(true);
  });
});

describe("response cache: what is cached, and Cache-Control", () => {
  it("does not cache a non-deterministic request under CACHE_MODE=deterministic (the default): BYPASS, no KV operation", async () => {
    const ai = fakeAi(answer, answer);
    const w = workerWith(ai);
    const body = chat({ temperature: 0.7 });
    for (let i = 0; i < 2; i++) {
      const res = await send(w, body);
      expect(res.headers.get("x-cache")).toBe("BYPASS");
      expect(res.headers.get("age")).toBeNull();
      await res.text();
      await w.settle();
      expect(w.kv.take()).toEqual(NO_KV);
    }
    expect(ai.calls).toHaveLength(2);
  });

  it("treats a seed as deterministic, and no temperature as not", async () => {
    const ai = fakeAi(answer, answer);
    const w = workerWith(ai);
    const seeded = chat({ temperature: undefined, seed: 7 });
    await (await send(w, seeded)).text();
    await w.settle();
    expect((await send(w, seeded)).headers.get("x-cache")).toBe("HIT");
    expect((await send(w, chat({ temperature: undefined }))).headers.get("x-cache")).toBe("BYPASS");
  });

  it("caches every request under CACHE_MODE=all", async () => {
    const ai = fakeAi(answer);
    const w = workerWith(ai, { CACHE_MODE: "all" });
    const body = chat({ temperature: 1 });
    await (await send(w, body)).text();
    await w.settle();
    expect(w.kv.take()).toEqual(MISS_KV);
    expect((await send(w, body)).headers.get("x-cache")).toBe("HIT");
    expect(ai.calls).toHaveLength(1);
  });

  it("caches nothing under CACHE_MODE=off: BYPASS, no KV operation", async () => {
    const ai = fakeAi(answer, answer, answer);
    const w = workerWith(ai, { CACHE_MODE: "off" });
    const body = chat();
    for (const extra of [{}, {}, { stream: true }]) {
      const res = await send(w, { ...body, ...extra });
      expect(res.headers.get("x-cache")).toBe("BYPASS");
      await res.text();
      await w.settle();
      expect(w.kv.take()).toEqual(NO_KV);
    }
    expect(ai.calls).toHaveLength(3);
  });

  it("Cache-Control: no-cache skips the lookup but stores the fresh answer (0 reads, 1 write)", async () => {
    const ai = fakeAi(answer, { ...answer, response: "Paris." });
    const w = workerWith(ai);
    const body = chat();
    await (await send(w, body)).text();
    await w.settle();
    w.kv.take();

    const res = await send(w, body, { "cache-control": "no-cache" });
    expect(res.headers.get("x-cache")).toBe("BYPASS");
    expect(((await res.json()) as Completion).choices[0]?.message.content).toBe("Paris.");
    await w.settle();
    expect(w.kv.take()).toEqual({ ...NO_KV, writes: 1 });
    expect(ai.calls).toHaveLength(2);

    // The refreshed entry now answers, at this location and elsewhere.
    const hit = await send(w, body);
    expect(((await hit.json()) as Completion).choices[0]?.message.content).toBe("Paris.");
    const elsewhere = await postElsewhere(w, body, "us.ai-forwarder.test");
    expect(((await elsewhere.json()) as Completion).choices[0]?.message.content).toBe("Paris.");
  });

  it("Cache-Control: no-store looks up but never writes (1 read, 0 writes on a miss)", async () => {
    const ai = fakeAi(answer, answer);
    const w = workerWith(ai);
    const body = chat();
    const res = await send(w, body, { "cache-control": "no-store" });
    expect(res.headers.get("x-cache")).toBe("MISS");
    await res.text();
    await w.settle();
    expect(w.kv.take()).toEqual({ ...NO_KV, reads: 1 });

    const next = await send(w, body);
    expect(next.headers.get("x-cache")).toBe("MISS");
    await next.text();
    expect(ai.calls).toHaveLength(2);
  });

  it("Cache-Control: no-cache, no-store bypasses the cache entirely", async () => {
    const ai = fakeAi(answer);
    const w = workerWith(ai);
    const res = await send(w, chat(), { "cache-control": "No-Cache, no-store" });
    expect(res.headers.get("x-cache")).toBe("BYPASS");
    await res.text();
    await w.settle();
    expect(w.kv.take()).toEqual(NO_KV);
  });

  it("exposes x-cache and age to browsers", async () => {
    const ai = fakeAi(answer);
    const res = await send(workerWith(ai), chat());
    expect(res.headers.get("access-control-expose-headers")).toMatch(/x-cache/);
    expect(res.headers.get("access-control-expose-headers")).toMatch(/\bage\b/);
  });
});
