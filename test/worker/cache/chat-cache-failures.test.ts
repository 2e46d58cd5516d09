/**
 * The response cache never fails a request and never stores a bad answer: KV read and write
 * failures are served uncached (and logged), a generation that errors or that the client
 * cuts off is not stored, entries over the size cap are not written, corrupt entries are
 * ignored.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { failingSseStream, fakeAi, readSse } from "../../helpers/fake-ai";
import { BASE_URL, type TestWorker, postJson, testWorker } from "../../helpers/worker";

const NO_KV = { reads: 0, writes: 0, deletes: 0, lists: 0 };
const answer = { response: "Paris.", usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } };

function chat(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: "gpt-4o", messages: [{ role: "user", content: `Capital of France? ${crypto.randomUUID()}` }], temperature: 0, ...extra };
}

/**
 * Replaces one KV method of the worker's CACHE binding (the counting wrapper stays underneath);
 * returns how many times it was called.
 */
function breakKv(w: TestWorker, method: "get" | "put", error: Error): { calls: number } {
  const broken = { calls: 0 };
  const inner = w.env.CACHE;
  w.env.CACHE = new Proxy(inner, {
    get(target, prop) {
      if (prop === method)
        return () => {
          broken.calls++;
          return Promise.reject(error);
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return broken;
}

function postElsewhere(w: TestWorker, body: unknown): Promise<Response> {
  return w.fetch(`${BASE_URL.replace("ai-forwarder.test", "other.ai-forwarder.test")}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test" },
    body: JSON.stringify(body),
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("response cache failures", () => {
  it("returns 200 when the KV write fails (429, retried twice), logs it, and the first tier still serves this location", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ai = fakeAi(answer, answer);
    // Spacing 0: the write layer retries at once instead of after 1 s and 2 s.
    const w = testWorker({ ai, vars: { KV_WRITE_SPACING_MS: "0" } });
    const put = breakKv(w, "put", new Error("KV PUT failed: 429 Too Many Requests"));
    const body = chat();

    const res = await postJson(w, "/chat/completions", body);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("MISS");
    expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("Paris.");
    await w.settle();
    expect(put.calls).toBe(3);
    expect(warn.mock.calls.some((args) => String(args[0]).includes("KV write") && String(args[1]).includes("429"))).toBe(true);

    // Same location: the Cache API copy answers (0 KV reads). Elsewhere: KV has nothing.
    const local = await postJson(w, "/chat/completions", body);
    expect(local.headers.get("x-cache")).toBe("HIT");
    await local.text();
    w.kv.take();
    const elsewhere = await postElsewhere(w, body);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get("x-cache")).toBe("MISS");
    await elsewhere.text();
    expect(ai.calls).toHaveLength(2);
  });

  it("serves uncached when the KV read fails", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ai = fakeAi(answer);
    const w = testWorker({ ai });
    breakKv(w, "get", new Error("KV GET failed: 503 Service Unavailable"));
    const res = await postJson(w, "/chat/completions", chat());
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("MISS");
    await res.text();
    await w.settle();
    expect(ai.calls).toHaveLength(1);
    expect(warn.mock.calls.some((args) => String(args[0]).includes("KV read"))).toBe(true);
  });

  it("never stores a stream that failed mid-way (1 read, 0 writes), so the next request generates again", async () => {
    const ai = fakeAi(() => failingSseStream('data: {"response":"Par"}\n\n', new Error("3040: Capacity temporarily exceeded")), answer);
    const w = testWorker({ ai });
    const body = chat({ stream: true });
    const res = await postJson(w, "/chat/completions", body);
    expect(res.headers.get("x-cache")).toBe("MISS");
    const events = await readSse(res);
    expect(events.at(-1)?.event).toBe("error");
    await w.settle();
    expect(w.kv.take()).toEqual({ ...NO_KV, reads: 1 });

    const next = await postJson(w, "/chat/completions", { ...body, stream: false });
    expect(next.headers.get("x-cache")).toBe("MISS");
    expect(((await next.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("Paris.");
    expect(ai.calls).toHaveLength(2);
  });

  it("never stores a stream the client cut off", async () => {
    let cancelled = false;
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"response":"Par"}\n\n'));
      },
      pull: () => new Promise<void>(() => {}), // the model is still thinking
      cancel() {
        cancelled = true;
      },
    });
    const ai = fakeAi(() => upstream);
    const w = testWorker({ ai });
    const res = await postJson(w, "/chat/completions", chat({ stream: true }));
    expect(res.headers.get("x-cache")).toBe("MISS");
    const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("Par")) seen += (await reader.read()).value ?? "";
    await reader.cancel("client went away");
    await w.settle();
    expect(cancelled).toBe(true);
    expect(w.kv.take()).toEqual({ ...NO_KV, reads: 1 });
  });

  it("does not store a request that failed before the first byte", async () => {
    const ai = fakeAi(new Error("3040: Capacity temporarily exceeded, please try again."));
    const w = testWorker({ ai });
    const res = await postJson(w, "/chat/completions", chat());
    expect(res.status).toBe(429);
    await res.text();
    await w.settle();
    expect(w.kv.take()).toEqual({ ...NO_KV, reads: 1 });
  });

  it("does not write an entry over the 1 MiB cap", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const big = { response: "Paris ".repeat(200_000), usage: answer.usage };
    const ai = fakeAi(big, big);
    const w = testWorker({ ai });
    const body = chat();
    const res = await postJson(w, "/chat/completions", body);
    expect(res.status).toBe(200);
    await res.text();
    await w.settle();
    expect(w.kv.take()).toEqual({ ...NO_KV, reads: 1 });
    expect(warn.mock.calls.some((args) => String(args[0]).includes("cap"))).toBe(true);
    const next = await postJson(w, "/chat/completions", body);
    expect(next.headers.get("x-cache")).toBe("MISS");
    await next.text();
    expect(ai.calls).toHaveLength(2);
  });
});
