/**
 * Entry lifetime and age: what is written to KV (key shape, `expirationTtl` from
 * CACHE_TTL_SECONDS and `Cache-Control: max-age`), the `age` header of a hit, and
 * `max-age=N` refusing older entries. Entries are aged by rewriting their `createdAt` in KV,
 * and read from a second hostname (cold first tier), so nothing here waits on a clock.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fakeAi } from "../../helpers/fake-ai";
import { BASE_URL, type TestWorker, postJson, testWorker } from "../../helpers/worker";

const answer = { response: "Paris.", usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } };

function chat(): Record<string, unknown> {
  return { model: "gpt-4o", messages: [{ role: "user", content: `Capital of France? ${crypto.randomUUID()}` }], temperature: 0 };
}

interface Put {
  key: string;
  value: string;
  options: KVNamespacePutOptions | undefined;
}

/** Records every KV put the worker makes (and still performs it). */
function recordPuts(w: TestWorker): Put[] {
  const puts: Put[] = [];
  const inner = w.env.CACHE;
  w.env.CACHE = new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "put") {
        return (key: string, text: string, options?: KVNamespacePutOptions) => {
          puts.push({ key, value: text, options });
          return inner.put(key, text, options);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return puts;
}

let hosts = 0;
function postElsewhere(w: TestWorker, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return w.fetch(`${BASE_URL.replace("ai-forwarder.test", `h${++hosts}.ai-forwarder.test`)}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test", ...headers },
    body: JSON.stringify(body),
  });
}

async function ttlFor(vars: Record<string, string>, headers: Record<string, string>): Promise<number | undefined> {
  const w = testWorker({ ai: fakeAi(answer), vars });
  const puts = recordPuts(w);
  await (await postJson(w, "/chat/completions", chat(), headers)).text();
  await w.settle();
  expect(puts).toHaveLength(1);
  return puts[0]?.options?.expirationTtl;
}

describe("response cache entries", () => {
  it("writes one key cache/chat/<sha256> holding the generation and its createdAt", async () => {
    const w = testWorker({ ai: fakeAi(answer) });
    const puts = recordPuts(w);
    await (await postJson(w, "/chat/completions", chat())).text();
    await w.settle();
    expect(puts.map((p) => p.key)).toEqual([expect.stringMatching(/^cache\/chat\/[0-9a-f]{64}$/)]);
    const entry = JSON.parse(puts[0]?.value ?? "") as Record<string, unknown>;
    expect(entry).toMatchObject({
      v: 1,
      createdAt: expect.any(Number),
      expiresAt: expect.any(Number),
      value: { text: "Paris.", toolCalls: [], finishReason: "stop", usage: answer.usage },
    });
  });

  it("takes the TTL from CACHE_TTL_SECONDS (default one day) and max-age, within [60, CACHE_TTL_SECONDS]", async () => {
    expect(await ttlFor({}, {})).toBe(86_400);
    expect(await ttlFor({}, { "cache-control": "max-age=120" })).toBe(120);
    expect(await ttlFor({}, { "cache-control": "max-age=30" })).toBe(60);
    expect(await ttlFor({ CACHE_TTL_SECONDS: "300" }, {})).toBe(300);
    expect(await ttlFor({ CACHE_TTL_SECONDS: "300" }, { "cache-control": "max-age=1000" })).toBe(300);
    expect(await ttlFor({ CACHE_TTL_SECONDS: "10" }, {})).toBe(60);
  });

  it("reports the entry's age on a hit and refuses entries older than the request's max-age", async () => {
    const ai = fakeAi(answer, { ...answer, response: "Paris, still." });
    const w = testWorker({ ai });
    const puts = recordPuts(w);
    const body = chat();
    await (await postJson(w, "/chat/completions", body)).text();
    await w.settle();
    const put = puts[0] as Put;
    const entry = JSON.parse(put.value) as { createdAt: number };
    // As if generated an hour (and a half second) ago.
    entry.createdAt -= 3_600_500;
    await env.CACHE.put(put.key, JSON.stringify(entry), { expirationTtl: 86_400 });

    const hit = await postElsewhere(w, body);
    expect(hit.headers.get("x-cache")).toBe("HIT");
    const age = Number(hit.headers.get("age"));
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThan(3700);
    await hit.text();

    const fresh = await postElsewhere(w, body, { "cache-control": "max-age=7200" });
    expect(fresh.headers.get("x-cache")).toBe("HIT");
    await fresh.text();
    const stale = await postElsewhere(w, body, { "cache-control": "max-age=600" });
    expect(stale.headers.get("x-cache")).toBe("MISS");
    expect(((await stale.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("Paris, still.");
    expect(ai.calls).toHaveLength(2);
  });

  it("treats max-age=0 as no-cache: no lookup, the fresh answer is stored", async () => {
    const ai = fakeAi(answer, answer);
    const w = testWorker({ ai });
    const body = chat();
    await (await postJson(w, "/chat/completions", body)).text();
    await w.settle();
    w.kv.take();
    const res = await postJson(w, "/chat/completions", body, { "cache-control": "max-age=0" });
    expect(res.headers.get("x-cache")).toBe("BYPASS");
    await res.text();
    await w.settle();
    expect(w.kv.take()).toEqual({ reads: 0, writes: 1, deletes: 0, lists: 0 });
    expect(ai.calls).toHaveLength(2);
  });

  it("ignores a corrupt entry and replaces it", async () => {
    const ai = fakeAi(answer, answer);
    const w = testWorker({ ai });
    const puts = recordPuts(w);
    const body = chat();
    await (await postJson(w, "/chat/completions", body)).text();
    await w.settle();
    const key = puts[0]?.key as string;
    await env.CACHE.put(key, JSON.stringify({ v: 1, createdAt: Date.now(), expiresAt: Date.now() + 60_000, value: { text: 42 } }));
    const res = await postElsewhere(w, body);
    expect(res.headers.get("x-cache")).toBe("MISS");
    await res.text();
    await w.settle();
    expect(puts).toHaveLength(2);
    expect(ai.calls).toHaveLength(2);
  });
});
