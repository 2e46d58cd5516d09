/**
 * The embeddings cache entry as stored: JSON, then the packed float32 vectors as a raw binary
 * tail (not base64), the same bytes in KV and the Cache API. A hit from either tier gives the
 * very bytes of the miss, in both encodings; entries written by the earlier format (base64
 * inside the JSON) still read; a malformed entry is a miss, never an error.
 */
import { describe, expect, it } from "vitest";
import { bytesToBase64 } from "../../../src/util/base64";
import { postJson, type TestWorker, testWorker } from "../../helpers/worker";

const ORIGIN = "https://ai-forwarder.test";

function body(tag: string, encoding: "float" | "base64") {
  return {
    model: "text-embedding-3-small",
    input: Array.from({ length: 100 }, (_, i) => `entry ${tag} ${i}`),
    encoding_format: encoding,
  };
}

/** The one embeddings entry the miss wrote (its KV key), after the write has settled. */
async function writtenEntry(w: TestWorker): Promise<{ key: string; bytes: Uint8Array }> {
  await w.settle();
  const key = w.kv.writtenKeys.find((k) => k.startsWith("cache/embeddings/"));
  if (!key) throw new Error("no embeddings entry written");
  const buffer = await w.env.CACHE.get(key, "arrayBuffer");
  if (!buffer) throw new Error(`${key} not in KV`);
  return { key, bytes: new Uint8Array(buffer) };
}

/** Drops the first-tier (Cache API) copy, so the next lookup reads KV. */
async function dropLocal(key: string): Promise<void> {
  await caches.default.delete(`${ORIGIN}/_ai-forwarder/${key}`);
}

async function call(w: TestWorker, b: unknown): Promise<{ cache: string | null; text: string }> {
  const res = await postJson(w, "/embeddings", b);
  expect(res.status).toBe(200);
  return { cache: res.headers.get("x-cache"), text: await res.text() };
}

describe("the embeddings cache entry", () => {
  it("holds the vectors as a raw float32 tail after its JSON, and both tiers replay the miss's bytes", async () => {
    const w = testWorker();
    const b = body(crypto.randomUUID(), "float");
    const miss = await call(w, b);
    expect(miss.cache).toBe("MISS");
    const { key, bytes } = await writtenEntry(w);

    const newline = bytes.indexOf(0x0a);
    expect(newline).toBeGreaterThan(0);
    expect((newline + 1) % 8).toBe(0);
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline)));
    expect(head).toMatchObject({ v: 1, tail: "float32", value: { count: 100, dimensions: 768 } });
    expect(bytes.byteLength - newline - 1).toBe(100 * 768 * 4);
    // The tail is the response's float32 values, little-endian.
    const tail = new Float32Array(bytes.slice(newline + 1).buffer);
    const first = (JSON.parse(miss.text) as { data: { embedding: number[] }[] }).data[0]?.embedding ?? [];
    expect(Array.from(tail.subarray(0, 768))).toEqual(Array.from(new Float32Array(first)));

    // The first tier (same bytes as KV): a hit without a KV read.
    w.kv.reset();
    const local = await call(w, b);
    expect(local).toEqual({ cache: "HIT", text: miss.text });
    expect(w.kv.counts.reads).toBe(0);

    // KV: one read, the same bytes.
    await dropLocal(key);
    w.kv.reset();
    const fromKv = await call(w, b);
    expect(fromKv).toEqual({ cache: "HIT", text: miss.text });
    expect(w.kv.counts.reads).toBe(1);

    // base64 from the cached vectors is the miss's float32 values too.
    const b64 = await call(w, { ...b, encoding_format: "base64" });
    expect(b64.cache).toBe("HIT");
    const data = (JSON.parse(b64.text) as { data: { embedding: string }[] }).data;
    expect(data[0]?.embedding).toBe(bytesToBase64(bytes.slice(newline + 1, newline + 1 + 768 * 4)));
  });

  it("replays a base64 miss from KV with the same bytes", async () => {
    const w = testWorker();
    const b = body(crypto.randomUUID(), "base64");
    const miss = await call(w, b);
    const { key } = await writtenEntry(w);
    await dropLocal(key);
    expect(await call(w, b)).toEqual({ cache: "HIT", text: miss.text });
  });

  it("still reads an entry written in the earlier format (base64 float32 inside the JSON)", async () => {
    const w = testWorker();
    const b = body(crypto.randomUUID(), "float");
    const miss = await call(w, b);
    const { key, bytes } = await writtenEntry(w);
    const newline = bytes.indexOf(0x0a);
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline)));
    const old = {
      v: 1,
      createdAt: head.createdAt,
      expiresAt: head.expiresAt,
      value: { count: 100, dimensions: 768, float32: bytesToBase64(bytes.subarray(newline + 1)) },
    };
    await w.env.CACHE.put(key, JSON.stringify(old));
    await dropLocal(key);
    expect(await call(w, b)).toEqual({ cache: "HIT", text: miss.text });
    // Copied into the first tier as read, and served from there the same.
    await w.settle();
    w.kv.reset();
    expect(await call(w, b)).toEqual({ cache: "HIT", text: miss.text });
    expect(w.kv.counts.reads).toBe(0);
  });

  it("treats a malformed entry as a miss and answers from the model", async () => {
    // Rewrites one key several times: no 1 s spacing between writes here.
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const b = body(crypto.randomUUID(), "float");
    const miss = await call(w, b);
    const { key, bytes } = await writtenEntry(w);
    const newline = bytes.indexOf(0x0a);
    const cases: (string | Uint8Array)[] = [
      bytes.slice(0, bytes.byteLength - 4), // a tail one value short
      bytes.slice(0, newline + 1), // no tail at all
      new Uint8Array([...new TextEncoder().encode('{"v":1,"createdAt":0,"expiresAt":1e15,"value":{}}\n'), 1, 2, 3]), // a tail nobody claims
      '{"v":1,"createdAt":0,"expiresAt":1e15,"tail":"float32","value":[1]}\nxxxx', // a tail on a non-object
      "not json\n\u0000\u0001",
    ];
    for (const entry of cases) {
      await w.env.CACHE.put(key, entry);
      await dropLocal(key);
      const again = await call(w, b);
      expect(again).toEqual({ cache: "MISS", text: miss.text });
      await w.settle();
      // The miss stored a good entry again; spoil it for the next case.
    }
  });
});
