/**
 * Usage per key per day per model: recorded in the key's Durable Object after plain and
 * streamed chat (and counted once per request), read back through the admin API for one
 * key and for every key, with `days` validated.
 */
import { describe, expect, it } from "vitest";
import type { KeyUsageRow } from "../../../src/wire/admin-keys";
import { admin, clientFor, createKey, expectError, keysWorker } from "./helpers";

const today = () => new Date().toISOString().slice(0, 10);

async function usageOf(response: Response): Promise<KeyUsageRow[]> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { object: string; data: KeyUsageRow[] };
  expect(body.object).toBe("list");
  return body.data;
}

describe("usage per key", () => {
  it("records plain and streamed chat per day per model, with the tokens the client saw", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { name: "usage key" });
    const client = clientFor(worker, created.key);
    const plain = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello there" }] });
    let streamedUsage: { prompt_tokens: number; completion_tokens: number } | undefined;
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "stream please" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) if (chunk.usage) streamedUsage = chunk.usage;
    // A streamed reply without include_usage is recorded too.
    const quiet = await client.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], stream: true });
    for await (const _ of quiet) {
      // drain
    }
    await worker.settle();

    const rows = await usageOf(await admin(worker, "GET", `/keys/${created.id}/usage?days=7`));
    const mini = rows.find((r) => r.model === "gpt-4o-mini");
    expect(streamedUsage).toBeDefined();
    expect(mini).toEqual({
      key_id: created.id,
      key_name: "usage key",
      day: today(),
      model: "gpt-4o-mini",
      requests: 2,
      input_tokens: (plain.usage?.prompt_tokens ?? 0) + (streamedUsage?.prompt_tokens ?? 0),
      output_tokens: (plain.usage?.completion_tokens ?? 0) + (streamedUsage?.completion_tokens ?? 0),
      total_tokens: (plain.usage?.total_tokens ?? 0) + (streamedUsage ? streamedUsage.prompt_tokens + streamedUsage.completion_tokens : 0),
    });
    const other = rows.find((r) => r.model === "gpt-4.1");
    expect(other?.requests).toBe(1);
    expect(other?.total_tokens).toBeGreaterThan(0);

    // The all-keys view has the same rows for this key, and none for API_KEYS traffic.
    await worker.client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    await worker.settle();
    const all = await usageOf(await admin(worker, "GET", "/usage?days=1"));
    expect(all.filter((r) => r.key_id === created.id)).toEqual(rows);
  });

  it("counts a stream the client abandons, with estimates of the prompt and of what it was sent", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { name: "abandoning key" });
    const client = clientFor(worker, created.key);
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: words }], stream: true });
    let chunks = 0;
    for await (const _ of stream) {
      if (++chunks === 3) break; // the SDK aborts the request: the Worker's stream is cancelled
    }
    await worker.settle();
    const [row] = await usageOf(await admin(worker, "GET", `/keys/${created.id}/usage?days=1`));
    expect(row).toMatchObject({ model: "gpt-4o-mini", requests: 1 });
    // The prompt's estimate (about a token a word here) and a few streamed tokens, not the whole reply.
    expect(row?.input_tokens).toBeGreaterThanOrEqual(300);
    expect(row?.output_tokens).toBeGreaterThan(0);
    expect(row?.output_tokens).toBeLessThan(300);
  });

  it("counts a response-cache hit as a request with the usage it replays", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { name: "cache key" });
    const client = clientFor(worker, created.key);
    const ask = () =>
      client.chat.completions.create({ model: "gpt-4o-mini", temperature: 0, messages: [{ role: "user", content: "cached?" }] });
    const miss = await ask().withResponse();
    const hit = await ask().withResponse();
    expect([miss.response.headers.get("x-cache"), hit.response.headers.get("x-cache")]).toEqual(["MISS", "HIT"]);
    await worker.settle();
    const [row] = await usageOf(await admin(worker, "GET", `/keys/${created.id}/usage?days=1`));
    expect(row).toMatchObject({ model: "gpt-4o-mini", requests: 2, input_tokens: 2 * (miss.data.usage?.prompt_tokens ?? 0) });
  });

  it("counts embeddings and Responses too", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker);
    const client = clientFor(worker, created.key);
    const embedded = await client.embeddings.create({ model: "text-embedding-3-small", input: "some text" });
    const response = await client.responses.create({ model: "gpt-4o-mini", input: "hi" });
    await worker.settle();
    const rows = await usageOf(await admin(worker, "GET", `/keys/${created.id}/usage`));
    expect(rows.find((r) => r.model === "text-embedding-3-small")).toMatchObject({
      requests: 1,
      input_tokens: embedded.usage.prompt_tokens,
      output_tokens: 0,
    });
    expect(rows.find((r) => r.model === "gpt-4o-mini")).toMatchObject({
      requests: 1,
      input_tokens: response.usage?.input_tokens,
      output_tokens: response.usage?.output_tokens,
    });
  });

  it("bad days → 400; unknown key → 404", async () => {
    const { worker } = keysWorker();
    for (const days of ["0", "-1", "1.5", "abc", "367"]) {
      const err = await expectError(await admin(worker, "GET", `/usage?days=${days}`), 400);
      expect(err.param).toBe("days");
    }
    expect((await expectError(await admin(worker, "GET", "/keys/key_missing/usage"), 404)).code).toBe("key_not_found");
  });
});
