/**
 * The repositories on local KV: each writes under its documented key, and every write and
 * delete goes through the write layer (a 429 is retried, batches keep a bounded number of
 * writes in flight) — including deleting a thread with its messages, runs and marker, and
 * storing binary images.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newThread, newUserMessage } from "../../../src/assistants/objects";
import { createStores } from "../../../src/store";
import { KV_WRITE_CONCURRENCY } from "../../../src/store/kv-writer";

interface Flaky {
  kv: KVNamespace;
  /** Calls per method, including the failed ones. */
  calls: Record<string, number>;
  /** The most writes and deletes in flight at once. */
  maxInFlight: number;
}

/** Local KV whose first `failures` puts and deletes answer 429; records calls and concurrency. */
function flakyKv(failures = 0): Flaky {
  const state: Flaky = { kv: env.CACHE, calls: {}, maxInFlight: 0 };
  let left = failures;
  let inFlight = 0;
  state.kv = new Proxy(env.CACHE, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const name = String(prop);
        state.calls[name] = (state.calls[name] ?? 0) + 1;
        const writes = name === "put" || name === "delete";
        if (!writes) return value.apply(target, args);
        inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, inFlight);
        try {
          await scheduler.wait(1);
          if (left-- > 0) throw new Error(`KV ${name.toUpperCase()} failed: 429 Too Many Requests`);
          return await value.apply(target, args);
        } finally {
          inFlight--;
        }
      };
    },
  });
  return state;
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await env.CACHE.list({ prefix })).keys.map((k) => k.name);
}

describe("images repository", () => {
  it("stores the bytes under image/{id} with their content type and a TTL, and reads them back", async () => {
    const stores = createStores(env.CACHE, 0);
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const id = await stores.images.put(bytes, "image/jpeg", 10);
    expect(id).toMatch(/^img_[0-9A-Za-z]{32}$/);
    const raw = await env.CACHE.getWithMetadata<{ contentType: string }>(`image/${id}`, "arrayBuffer");
    expect([...new Uint8Array(raw.value as ArrayBuffer)]).toEqual([...bytes]);
    expect(raw.metadata).toEqual({ contentType: "image/jpeg" });
    const image = await stores.images.get(id);
    expect(image?.contentType).toBe("image/jpeg");
    expect([...new Uint8Array(image?.bytes ?? new ArrayBuffer(0))]).toEqual([...bytes]);
  });

  it("retries a 429 on the image write", async () => {
    const kv = flakyKv(1);
    const id = await createStores(kv.kv, 0).images.put(new Uint8Array([1]), "image/png", 60);
    expect(kv.calls.put).toBe(2);
    expect((await env.CACHE.getWithMetadata(`image/${id}`)).metadata).toEqual({ contentType: "image/png" });
  });

  it("reads nothing for a malformed id", async () => {
    const kv = flakyKv();
    expect(await createStores(kv.kv, 0).images.get("img_short")).toBeUndefined();
    expect(kv.calls).toEqual({});
  });
});

describe("response cache repository", () => {
  it("keeps entries under cache/{kind}/{hash}", async () => {
    const stores = createStores(env.CACHE, 0);
    const hash = crypto.randomUUID();
    await stores.responseCache.put("chat", hash, '{"v":1}', 60);
    expect(await env.CACHE.get(`cache/chat/${hash}`)).toBe('{"v":1}');
    expect(await stores.responseCache.get("chat", hash)).toBe('{"v":1}');
    expect(await stores.responseCache.get("embeddings", hash)).toBeUndefined();
  });

  it("retries a 429 on the entry write", async () => {
    const kv = flakyKv(2);
    const hash = crypto.randomUUID();
    await createStores(kv.kv, 0).responseCache.put("embeddings", hash, "[]", 60);
    expect(kv.calls.put).toBe(3);
    expect(await env.CACHE.get(`cache/embeddings/${hash}`)).toBe("[]");
  });
});

describe("threads and messages repositories", () => {
  it("writes a batch of messages a few at a time", async () => {
    const kv = flakyKv();
    const thread = newThread();
    const messages = Array.from({ length: 20 }, (_, i) => newUserMessage(thread.id, "user", [], { metadata: { i: String(i) } }));
    await createStores(kv.kv, 0).messages.putAll(messages);
    expect(kv.calls.put).toBe(20);
    expect(kv.maxInFlight).toBe(KV_WRITE_CONCURRENCY);
    expect(await keysUnder(`msg/${thread.id}/`)).toHaveLength(20);
  });

  it("deletes a thread with its messages, runs and marker through the write layer: bounded, and 429s retried", async () => {
    const seed = createStores(env.CACHE, 0);
    const thread = newThread();
    await seed.threads.put(thread);
    await seed.messages.putAll(Array.from({ length: 15 }, () => newUserMessage(thread.id, "user", [])));
    await env.CACHE.put(`run/${thread.id}/run_1`, "{}");
    await env.CACHE.put(`active/${thread.id}`, "{}");

    const kv = flakyKv(2);
    await createStores(kv.kv, 0).threads.delete(thread.id);
    expect(kv.calls.delete).toBe(1 + 15 + 1 + 1 + 2);
    // The messages a few at a time, beside the one run and the marker.
    expect(kv.maxInFlight).toBe(KV_WRITE_CONCURRENCY + 2);
    for (const prefix of [`thread/${thread.id}`, `msg/${thread.id}/`, `run/${thread.id}/`, `active/${thread.id}`]) {
      expect(await keysUnder(prefix)).toEqual([]);
    }
  });
});
