/**
 * Per-key policy on the request path, seen through the official SDK: the model allowlist
 * (chat, Responses, /v1/models), requests per minute and tokens per day (429 with OpenAI's
 * `x-ratelimit-*` headers), edits that hold at once, and the cost: one Durable Object
 * request to admit, no KV write per request, nothing at all for API_KEYS keys.
 */
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { admin, clientFor, createKey, keysWorker } from "./helpers";

const chat = (model = "gpt-4o-mini") => ({ model, messages: [{ role: "user" as const, content: "hi" }] });

describe("model allowlist", () => {
  it("chat, Responses and embeddings outside the globs → 404 model_not_found; inside → served", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { policy: { models: ["gpt-4o-mini", "@cf/meta/*"] } });
    const client = clientFor(worker, created.key);
    expect((await client.chat.completions.create(chat())).object).toBe("chat.completion");
    for (const call of [
      () => client.chat.completions.create(chat("gpt-4o")),
      () => client.responses.create({ model: "gpt-4.1", input: "hi" }),
      () => client.embeddings.create({ model: "text-embedding-3-small", input: "hi" }),
      () => client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "hi" }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.NotFoundError);
      expect((err as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
      expect((err as Error).message).toMatch(/does not exist or you do not have access to it/);
    }
    const response = await client.responses.create({ model: "gpt-4o-mini", input: "hi" });
    expect(response.status).toBe("completed");
  });

  it("/v1/models lists only allowed models; /v1/models/{id} 404s the others", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { policy: { models: ["gpt-4o*"] } });
    const client = clientFor(worker, created.key);
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith("gpt-4o"))).toBe(true);
    expect(ids).toContain("gpt-4o-mini");
    expect((await client.models.retrieve("gpt-4o")).id).toBe("gpt-4o");
    const err = await client.models.retrieve("gpt-4.1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    // The default key sees everything.
    expect((await worker.client.models.list()).data.length).toBeGreaterThan(ids.length);
  });

  it("an edit of the allowlist holds at the next request", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { policy: { models: ["gpt-4o-mini"] } });
    const client = clientFor(worker, created.key);
    await client.chat.completions.create(chat());
    await admin(worker, "POST", `/keys/${created.id}`, { policy: { models: ["gpt-4.1"] } });
    expect(await client.chat.completions.create(chat()).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.NotFoundError);
    expect((await client.chat.completions.create(chat("gpt-4.1"))).object).toBe("chat.completion");
  });
});

describe("rate limits", () => {
  it("requests per minute: headers on every response, then 429 type requests with retry-after", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { policy: { requests_per_minute: 2 } });
    const client = clientFor(worker, created.key);
    const first = await client.chat.completions.create(chat()).withResponse();
    expect(first.response.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(first.response.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(first.response.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+m)?\d+(ms|s)$/);
    expect(first.response.headers.get("x-ratelimit-limit-tokens")).toBeNull();
    const second = await client.models.list().withResponse();
    expect(second.response.headers.get("x-ratelimit-remaining-requests")).toBe("0");

    const err = await client.chat.completions.create(chat()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.type).toBe("requests");
    expect(e.code).toBe("rate_limit_exceeded");
    expect(e.message).toMatch(/requests per min \(RPM\): Limit 2, Used 2/);
    expect(e.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(e.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(Number(e.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(e.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // Another key has its own limit.
    const other = await createKey(worker, { policy: { requests_per_minute: 2 } });
    expect((await clientFor(worker, other.key).chat.completions.create(chat())).object).toBe("chat.completion");
  });

  it("tokens per day: 429 type tokens once the day's usage reaches the budget", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { policy: { tokens_per_day: 5 } });
    const client = clientFor(worker, created.key);
    const first = await client.chat.completions.create(chat()).withResponse();
    expect(first.response.headers.get("x-ratelimit-limit-tokens")).toBe("5");
    expect(first.response.headers.get("x-ratelimit-remaining-tokens")).toBe("5");
    expect(first.data.usage?.total_tokens).toBeGreaterThanOrEqual(5);
    await worker.settle();

    const err = await client.chat.completions.create(chat()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.type).toBe("tokens");
    expect(e.code).toBe("rate_limit_exceeded");
    expect(e.message).toMatch(/tokens per day \(TPD\): Limit 5/);
    expect(e.headers.get("x-ratelimit-limit-tokens")).toBe("5");
    expect(e.headers.get("x-ratelimit-remaining-tokens")).toBe("0");
    expect(e.headers.get("x-ratelimit-reset-tokens")).toMatch(/^(\d+h)?(\d+m)?\d+(ms|s)$/);
    expect(Number(e.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Raising the budget lets it through at once.
    await admin(worker, "POST", `/keys/${created.id}`, { policy: { tokens_per_day: 1_000_000 } });
    expect((await client.chat.completions.create(chat())).object).toBe("chat.completion");
  });
});

describe("cost per request", () => {
  it("an issued key: one DO request to admit, one to record, no KV write; an API_KEYS key: none", async () => {
    const { worker, limits } = keysWorker();
    const created = await createKey(worker, { policy: { requests_per_minute: 100, tokens_per_day: 1_000_000 } });
    const client = clientFor(worker, created.key);
    await client.models.list(); // warms the isolate's lookup cache
    await worker.settle();
    worker.kv.reset();
    limits.reset();
    for (let i = 0; i < 3; i++) await client.chat.completions.create(chat());
    const stream = await client.chat.completions.create({ ...chat(), stream: true });
    for await (const _ of stream) {
      // drain
    }
    await worker.settle();
    expect(worker.kv.counts.writes).toBe(0);
    expect(worker.kv.counts.deletes).toBe(0);
    expect(limits.calls).toEqual(["admit", "record", "admit", "record", "admit", "record", "admit", "record"]);

    limits.reset();
    worker.kv.reset();
    await worker.client.chat.completions.create(chat());
    await worker.settle();
    expect(limits.calls).toEqual([]);
    expect(worker.kv.counts.writes).toBe(0);
  });
});
