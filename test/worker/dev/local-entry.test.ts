/**
 * `[env.local]`'s entry (src/dev/local-entry.ts), called as workerd calls it: the emulator
 * is bound as `AI` only when AI_EMULATOR is "true" and no binding exists, a bound `AI` wins,
 * and BENCH_MODE="true" adds the KV counters at `GET /__bench/kv`.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import localEntry from "../../../src/dev/local-entry";
import { fakeAi } from "../../helpers/fake-ai";

const BASE = "https://ai-forwarder.test";
/** A Request typed as workerd hands it to a fetch handler. */
const IncomingRequest = Request<unknown, IncomingRequestCfProperties>;

/** One request through the local entry; waits for its `waitUntil` work before returning. */
async function call(
  path: string,
  vars: Partial<Env> & Record<string, unknown> = {},
  init?: RequestInit<IncomingRequestCfProperties>,
): Promise<Response> {
  const exec = createExecutionContext();
  const response = await localEntry.fetch(new IncomingRequest(`${BASE}${path}`, init), { ...env, ...vars } as Env, exec);
  await waitOnExecutionContext(exec);
  return response;
}

function chat(content: string): RequestInit<IncomingRequestCfProperties> {
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content }], temperature: 0 }),
  };
}

async function replyOf(response: Response): Promise<string | null | undefined> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: { message: { content: string | null } }[] };
  return body.choices[0]?.message.content;
}

describe("local entry: the AI binding", () => {
  it("binds the offline emulator when AI_EMULATOR is true and no AI is bound ([env.local] as configured)", async () => {
    expect(env.AI).toBeUndefined();
    expect(await replyOf(await call("/v1/chat/completions", {}, chat(`hello ${crypto.randomUUID()}`)))).toMatch(
      /^\[offline emulator\] You said: hello /,
    );
  });

  it("keeps a bound AI even with AI_EMULATOR true", async () => {
    const ai = fakeAi({ response: "from the real binding", usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } });
    const res = await call("/v1/chat/completions", { AI: ai as unknown as Ai }, chat(`hi ${crypto.randomUUID()}`));
    expect(await replyOf(res)).toBe("from the real binding");
    expect(ai.calls).toHaveLength(1);
  });

  it("binds nothing unless AI_EMULATOR is exactly true: the production error stands", async () => {
    const res = await call("/v1/chat/completions", { AI_EMULATOR: "1" }, chat("hi"));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe("ai_binding_missing");
  });
});

describe("local entry: bench mode", () => {
  it("has no /__bench/kv without BENCH_MODE", async () => {
    const res = await call("/__bench/kv");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unknown_url");
  });

  it("counts the KV operations of requests and serves them at /__bench/kv with BENCH_MODE=true", async () => {
    const bench = { BENCH_MODE: "true", CACHE_MODE: "deterministic" };
    await call("/__bench/kv?reset=1", bench);
    // A deterministic chat completion on a cold cache: one lookup, one write (in waitUntil).
    await replyOf(await call("/v1/chat/completions", bench, chat(`count me ${crypto.randomUUID()}`)));
    const res = await call("/__bench/kv", bench);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const counts = (await res.json()) as Record<string, unknown>;
    expect(counts).toEqual({ reads: 1, writes: 1, lists: 0, deletes: 0, pending: 0, isolate: expect.any(String) });
  });
});
