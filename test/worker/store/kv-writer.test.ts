/**
 * The KV write layer: writes to one key are serialized and spaced (also when they are made
 * at once, and across writers, as two requests in one isolate are), 429s are retried twice
 * for writes and deletes alike, other errors are not retried, spacing 0 waits for nothing,
 * and a batch keeps a bounded number of writes in flight. Virtual time: nothing really sleeps.
 */
import { describe, expect, it } from "vitest";
import { KV_WRITE_CONCURRENCY, KvWriter } from "../../../src/store/kv-writer";
import { VirtualTimer } from "../../helpers/virtual-timer";
import { type FakeKvOptions, fakeKv } from "../../helpers/fake-kv";

const TOO_MANY = () => new Error("KV PUT failed: 429 Too Many Requests");

/** Lanes are per isolate, so every test writes keys of its own. */
function uniqueKey(): string {
  return `test/${crypto.randomUUID()}`;
}

function setup(spacingMs: number, options: FakeKvOptions = {}) {
  const timer = new VirtualTimer();
  const kv = fakeKv(timer, options);
  return { timer, kv, writer: new KvWriter(kv.kv, { spacingMs, timer }) };
}

/** Fails the first `n` calls with `error()`, then succeeds. */
function failFirst(n: number, error: () => Error): FakeKvOptions["fail"] {
  let seen = 0;
  return () => (seen++ < n ? error() : undefined);
}

describe("KV write layer: spacing", () => {
  it("spaces a second write to one key from the end of the first", async () => {
    const { timer, kv, writer } = setup(1000, { latencyMs: 50 });
    const key = uniqueKey();
    await timer.run(writer.put(key, "a"));
    timer.time += 300;
    await timer.run(writer.put(key, "b"));
    expect(kv.calls.map((c) => [c.value, c.at])).toEqual([
      ["a", 0],
      ["b", 1050],
    ]);
    expect(timer.sleeps).toEqual([700]);
  });

  it("sends 3 concurrent writes to one key one after another, spaced, in the order they were made", async () => {
    const { timer, kv, writer } = setup(1000, { latencyMs: 50 });
    const key = uniqueKey();
    await timer.run(Promise.all([writer.put(key, "1"), writer.put(key, "2"), writer.put(key, "3")]));
    expect(kv.calls.map((c) => [c.value, c.at])).toEqual([
      ["1", 0],
      ["2", 1050],
      ["3", 2100],
    ]);
  });

  it("spaces writes to one key made by two writers (two requests in one isolate)", async () => {
    const timer = new VirtualTimer();
    const kv = fakeKv(timer);
    const first = new KvWriter(kv.kv, { spacingMs: 1000, timer });
    const second = new KvWriter(kv.kv, { spacingMs: 1000, timer });
    const key = uniqueKey();
    await timer.run(Promise.all([first.put(key, "x"), second.delete(key), first.put(key, "y")]));
    expect(kv.calls.map((c) => [c.op, c.at])).toEqual([
      ["put", 0],
      ["delete", 1000],
      ["put", 2000],
    ]);
  });

  it("does not make writes to different keys wait", async () => {
    const { timer, kv, writer } = setup(1000);
    await timer.run(Promise.all([writer.put(uniqueKey(), "a"), writer.put(uniqueKey(), "b"), writer.delete(uniqueKey())]));
    expect(kv.calls.map((c) => c.at)).toEqual([0, 0, 0]);
    expect(timer.sleeps).toEqual([]);
  });

  it("keeps the queue going after a write fails", async () => {
    let calls = 0;
    const { timer, kv, writer } = setup(1000, {
      fail: () => (calls++ === 0 ? new Error("KV PUT failed: 500 Internal Server Error") : undefined),
    });
    const key = uniqueKey();
    const results = await timer.run(Promise.allSettled([writer.put(key, "lost"), writer.put(key, "kept")]));
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
    expect(kv.calls.map((c) => [c.value, c.at])).toEqual([
      ["lost", 0],
      ["kept", 1000],
    ]);
  });

  it("waits for nothing when spacing is 0", async () => {
    const { timer, kv, writer } = setup(0, { fail: failFirst(1, TOO_MANY) });
    const key = uniqueKey();
    await timer.run(Promise.all([writer.put(key, "a"), writer.put(key, "b"), writer.delete(key)]));
    expect(kv.calls.map((c) => c.at)).toEqual([0, 0, 0, 0]);
    expect(kv.calls).toHaveLength(4); // the 429 was still retried, at once
    expect(timer.sleeps).toEqual([]);
  });
});

describe("KV write layer: retries", () => {
  it("retries a 429 twice, after one and then two spacings", async () => {
    const { timer, kv, writer } = setup(1000, { fail: failFirst(2, TOO_MANY) });
    await timer.run(writer.put(uniqueKey(), "v"));
    expect(kv.calls.map((c) => c.at)).toEqual([0, 1000, 3000]);
    expect(timer.sleeps).toEqual([1000, 2000]);
  });

  it("throws the third 429", async () => {
    const { timer, kv, writer } = setup(1000, { fail: TOO_MANY });
    await expect(timer.run(writer.put(uniqueKey(), "v"))).rejects.toThrow("429 Too Many Requests");
    expect(kv.calls).toHaveLength(3);
  });

  it("retries a delete on 429 like a write", async () => {
    const { timer, kv, writer } = setup(1000, { fail: failFirst(1, () => new Error("KV DELETE failed: 429 Too Many Requests")) });
    await timer.run(writer.delete(uniqueKey()));
    expect(kv.calls.map((c) => [c.op, c.at])).toEqual([
      ["delete", 0],
      ["delete", 1000],
    ]);
  });

  it("does not retry other errors", async () => {
    const { timer, kv, writer } = setup(1000, { fail: () => new Error("KV PUT failed: 413 Value too large") });
    await expect(timer.run(writer.put(uniqueKey(), "v"))).rejects.toThrow("413");
    expect(kv.calls).toHaveLength(1);
    expect(timer.sleeps).toEqual([]);
  });

  it("keeps a write queued behind a retried one until that one is stored", async () => {
    const { timer, kv, writer } = setup(1000, { fail: failFirst(1, TOO_MANY) });
    const key = uniqueKey();
    await timer.run(Promise.all([writer.put(key, "first"), writer.put(key, "second")]));
    expect(kv.calls.map((c) => [c.value, c.at])).toEqual([
      ["first", 0],
      ["first", 1000],
      ["second", 2000],
    ]);
  });
});

describe("KV write layer: batches", () => {
  it(`keeps at most ${KV_WRITE_CONCURRENCY} writes of a batch in flight`, async () => {
    const { timer, kv, writer } = setup(1000, { latencyMs: 100 });
    const keys = Array.from({ length: 20 }, uniqueKey);
    await timer.run(writer.writeAll(keys, (key) => writer.put(key, "v")));
    expect(kv.calls.map((c) => c.key).sort()).toEqual([...keys].sort());
    expect(kv.maxInFlight).toBe(KV_WRITE_CONCURRENCY);
  });
});
