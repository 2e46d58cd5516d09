/**
 * Every class of bad input gets OpenAI's error envelope with a 4xx — never a 5xx.
 */
import { describe, expect, it } from "vitest";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, postJson, testWorker } from "../../helpers/worker";

const ok = { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] };

async function expectError(response: Response, status: number, param?: string | null): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: Record<string, unknown> };
  expectSchema("ErrorResponse", body);
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

describe("bad input on /v1/chat/completions", () => {
  it("invalid JSON → 400", async () => {
    const w = testWorker();
    const err = await expectError(await postJson(w, "/chat/completions", "{not json"), 400);
    expect(err.message).toMatch(/could not parse the JSON body/);
  });

  it("a JSON body that is not an object → 400", async () => {
    await expectError(await postJson(testWorker(), "/chat/completions", "[1,2]"), 400);
  });

  it("accepts application/json; charset=utf-8 and rejects text/plain", async () => {
    const w = testWorker();
    const good = await postJson(w, "/chat/completions", ok, { "content-type": "application/json; charset=utf-8" });
    expect(good.status).toBe(200);
    await expectError(await postJson(w, "/chat/completions", ok, { "content-type": "text/plain" }), 400);
  });

  it.each([
    [{ messages: ok.messages }, "model"],
    [{ model: "gpt-4o" }, "messages"],
    [{ ...ok, messages: "hi" }, "messages"],
    [{ ...ok, messages: [{ role: "wizard", content: "x" }] }, "messages[0].role"],
    [{ ...ok, messages: [{ role: "user" }] }, "messages[0].content"],
    [{ ...ok, messages: [{ role: "tool", content: "x" }] }, "messages[0].tool_call_id"],
    [{ ...ok, temperature: "hot" }, "temperature"],
    [{ ...ok, temperature: 3 }, "temperature"],
    [{ ...ok, top_p: -1 }, "top_p"],
    [{ ...ok, max_tokens: 1.5 }, "max_tokens"],
    [{ ...ok, max_completion_tokens: 0 }, "max_completion_tokens"],
    [{ ...ok, stream: "yes" }, "stream"],
    [{ ...ok, stop: 42 }, "stop"],
    [{ ...ok, stop: ["a", "b", "c", "d", "e"] }, "stop"],
    [{ ...ok, n: 2 }, "n"],
    [{ ...ok, logprobs: true }, "logprobs"],
    [{ ...ok, modalities: ["text", "audio"] }, "modalities"],
    [{ ...ok, tools: [{ type: "web_search" }] }, "tools[0].type"],
    [{ ...ok, tools: [{ type: "function", function: { name: "bad name!" } }] }, "tools[0].function.name"],
    [{ ...ok, tool_choice: "always" }, "tool_choice"],
    [{ ...ok, tool_choice: { type: "function", function: { name: "nope" } } }, "tool_choice.function.name"],
    [{ ...ok, response_format: { type: "xml" } }, "response_format.type"],
    [{ ...ok, stream_options: { include_usage: true } }, "stream_options"],
    [{ ...ok, metadata: { k: 1 } }, "metadata.k"],
    [{ ...ok, messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] }, "messages[0].content[0].type"],
  ])("wrong types and values: %j → 400 with param %s", async (body, param) => {
    await expectError(await postJson(testWorker(), "/chat/completions", body), 400, param);
  });

  it.each([
    ["/chat/completions", `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"temperature":1e400}`, "temperature", "Infinity"],
    ["/chat/completions", `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"seed":-1e400}`, "seed", "-Infinity"],
    ["/completions", `{"model":"gpt-4o","prompt":"hi","top_p":1e400}`, "top_p", "Infinity"],
  ])("a number beyond float range on %s (%s) → 400 'expected a finite number'", async (path, raw, param, parsed) => {
    const err = await expectError(await postJson(testWorker(), path, raw), 400, param);
    expect(err.message).toBe(`Invalid '${param}': expected a finite number, but got ${parsed}.`);
  });

  it("unknown non-OpenAI model → 404 model_not_found", async () => {
    const err = await expectError(await postJson(testWorker(), "/chat/completions", { ...ok, model: "claude-99" }), 404, "model");
    expect(err.code).toBe("model_not_found");
  });

  it("a paid-only model on the Free plan (error 5035) → 403 naming the plan and the model", async () => {
    const ai = fakeAi(new Error("5035: This model requires the Workers Paid plan"));
    const res = await postJson(testWorker({ ai }), "/chat/completions", { ...ok, model: "@cf/moonshotai/kimi-k2.6" });
    const err = await expectError(res, 403, "model");
    expect(err.code).toBe("paid_plan_required");
    expect(err.message).toContain("The model `@cf/moonshotai/kimi-k2.6` runs only on the Cloudflare Workers Paid plan");
    expect(err.message).toContain("Workers Free plan");
  });

  it("a Workers AI id the binding does not know → 400 model_not_found (from error 5007)", async () => {
    const ai = fakeAi(new Error("5007: No such model @cf/nobody/nothing or task"));
    const err = await expectError(await postJson(testWorker({ ai }), "/chat/completions", { ...ok, model: "@cf/nobody/nothing" }), 400);
    expect(err.code).toBe("model_not_found");
  });

  it("oversized body → 413", async () => {
    const w = testWorker({ vars: { MAX_BODY_BYTES: "1000" } });
    const big = { ...ok, messages: [{ role: "user", content: "x".repeat(5000) }] };
    await expectError(await postJson(w, "/chat/completions", big), 413);
  });

  it("backend errors map to 429 / 413 / 504 / 502, never 500", async () => {
    const w = testWorker();
    const cases: [string, number][] = [
      ["3040", 429],
      ["3036", 429],
      ["3006", 413],
      ["3007", 504],
      ["9999", 502],
    ];
    for (const [code, status] of cases) {
      const res = await postJson(w, "/chat/completions", { ...ok, messages: [{ role: "user", content: `go [emulate-error:${code}]` }] });
      await expectError(res, status);
    }
  });
});

describe("authentication", () => {
  it("rejects a missing or wrong key when keys are configured, and accepts a right one", async () => {
    const w = testWorker({ vars: { API_KEYS: "sk-one, sk-two", ALLOW_ANONYMOUS: "false" } });
    const none = await w.fetch(`${BASE_URL}/models`);
    expect((await expectError(none, 401)).code).toBe("missing_api_key");
    const wrong = await w.fetch(`${BASE_URL}/models`, { headers: { authorization: "Bearer sk-three" } });
    expect((await expectError(wrong, 401)).code).toBe("invalid_api_key");
    const right = await w.fetch(`${BASE_URL}/models`, { headers: { authorization: "Bearer sk-two" } });
    expect(right.status).toBe(200);
  });

  it("refuses every request when no key is configured and anonymous use is off", async () => {
    const w = testWorker({ vars: { API_KEYS: "", ALLOW_ANONYMOUS: "false" } });
    const err = await expectError(await w.fetch(`${BASE_URL}/models`, { headers: { authorization: "Bearer anything" } }), 401);
    expect(err.message).toMatch(/wrangler secret put API_KEYS/);
  });

  it("serves any or no token in the offline environment with no keys configured", async () => {
    const w = testWorker();
    expect((await w.fetch(`${BASE_URL}/models`)).status).toBe(200);
    expect((await w.fetch(`${BASE_URL}/models`, { headers: { authorization: "Bearer whatever" } })).status).toBe(200);
  });

  it("fails clearly without an AI binding (never falls back to the emulator)", async () => {
    const w = testWorker({ ai: null, vars: { AI_EMULATOR: "true" } });
    const res = await postJson(w, "/chat/completions", ok);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("ai_binding_missing");
    expect(body.error.message).toMatch(/\[ai\] binding/);
  });
});

describe("routing and CORS", () => {
  it("unknown routes → 404 envelope; wrong methods → 405 with Allow", async () => {
    const w = testWorker();
    await expectError(await w.fetch(`${BASE_URL}/nothing/here`), 404);
    const res = await w.fetch(`${BASE_URL}/chat/completions`);
    await expectError(res, 405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("answers preflight and sets CORS and request-id headers", async () => {
    const w = testWorker();
    const pre = await w.fetch(`${BASE_URL}/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-headers")).toContain("authorization");
    const res = await postJson(w, "/chat/completions", ok);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });
});
