/**
 * Upstream routing through the whole Worker, with the global `fetch` faked: the routing table
 * (glob order, precedence over aliases, misconfiguration as a 500 naming the variable), what a
 * passthrough sends and returns (credentials and hop-by-hop/cf-* headers stripped both ways),
 * PASSTHROUGH_UPSTREAM only for paths this Worker does not serve, AI_GATEWAY_ID on the
 * binding's calls, and routed names in /v1/models.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { globMatches, matchRoute, parseRoutingTable } from "../../../src/ai/registry/routing-table";
import { resolveModel } from "../../../src/ai/registry/resolve-model";
import type { AiRunner } from "../../../src/ai/types";
import { readConfig } from "../../../src/config";
import { BASE_URL, testWorker } from "../../helpers/worker";

const UPSTREAMS = JSON.stringify({
  openai: { base_url: "https://api.openai.example/v1/", api_key_secret: "OPENAI_API_KEY" },
  router: { base_url: "https://openrouter.example/api/v1", api_key_secret: "ROUTER_KEY", headers: { "X-Title": "ai-forwarder" } },
});
const ROUTES = JSON.stringify([
  { model: "gpt-4o*", upstream: "openai", fallback: ["router"] },
  { model: "claude-*", upstream: "router", upstream_model: "anthropic/claude-sonnet-4" },
  { model: "relay-*", upstream: "openai", mode: "passthrough" },
]);
const vars = { UPSTREAMS, ROUTES, OPENAI_API_KEY: "sk-upstream-openai", ROUTER_KEY: "sk-or-key", API_KEYS: "sk-client" };

afterEach(() => vi.restoreAllMocks());

function completion(content: string): Response {
  return Response.json({ id: "chatcmpl-up", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] });
}

describe("the routing table", () => {
  it("matches exact names and `*` globs, first route first, before aliases", () => {
    expect(globMatches("gpt-4o*", "gpt-4o-mini")).toBe(true);
    expect(globMatches("gpt-4o*", "xgpt-4o")).toBe(false);
    expect(globMatches("a.b*", "axb")).toBe(false);
    const config = readConfig(vars);
    // gpt-4o is also a built-in alias of DEFAULT_AI_MODEL; the route wins.
    const routed = resolveModel("gpt-4o", "chat", config);
    expect(routed).toMatchObject({ provider: "openai-compatible", model: "gpt-4o", upstreams: ["openai", "router"], capabilities: undefined });
    expect(resolveModel("claude-3", "chat", config)).toMatchObject({ model: "anthropic/claude-sonnet-4", upstreams: ["router"] });
    expect(resolveModel("gpt-5", "chat", config).provider).toBe("workers-ai");
    expect(matchRoute(config.routing, "relay-x")?.rule.mode).toBe("passthrough");
  });

  it.each([
    [{ ROUTES: "[{" }, "ROUTES is not valid JSON."],
    [{ ROUTES: '[{"model":"x","upstream":"nope"}]' }, "ROUTES[0].upstream names `nope`, which UPSTREAMS does not define."],
    [{ UPSTREAMS: '{"a":{"base_url":"file:///etc"}}' }, 'UPSTREAMS.a.base_url must be an http(s) URL such as "https://api.openai.com/v1".'],
    [{ PASSTHROUGH_UPSTREAM: "ghost" }, "PASSTHROUGH_UPSTREAM names `ghost`, which UPSTREAMS does not define."],
    [
      { ROUTES: '[{"model":"x","upstream":"openai","mode":"passthrough","upstream_model":"y"}]' },
      'ROUTES[0].upstream_model cannot be used with mode "passthrough", which forwards the request body unchanged.',
    ],
  ])("keeps a misconfiguration as a problem naming the variable: %j", (override, problem) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(parseRoutingTable({ UPSTREAMS, ROUTES, ...override }).problem).toBe(problem);
  });
});

describe("translate routes through the Worker", () => {
  it("sends the routed chat upstream with the upstream's key, never the client's, and renders it", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(completion("from upstream"));
    const { client } = testWorker({ vars, apiKey: "sk-client" });
    const answer = await client.chat.completions.create({ model: "claude-x", messages: [{ role: "user", content: "hi" }] });
    expect(answer.model).toBe("claude-x");
    expect(answer.choices[0]?.message.content).toBe("from upstream");
    const [url, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("https://openrouter.example/api/v1/chat/completions");
    const headers = new Headers(init.headers);
    expect(headers.get("authorization")).toBe("Bearer sk-or-key");
    expect(headers.get("x-title")).toBe("ai-forwarder");
    expect(JSON.parse(init.body as string).model).toBe("anthropic/claude-sonnet-4");
  });

  it("answers a missing secret as a 500 naming it, without calling anything", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const { ROUTER_KEY: _unset, ...withoutSecret } = vars;
    const { fetch } = testWorker({ vars: withoutSecret, apiKey: "sk-client" });
    const res = await fetch(`${BASE_URL}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-client", "content-type": "application/json" },
      body: JSON.stringify({ model: "claude-x", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: {
        message: "ai-forwarder is misconfigured: UPSTREAMS.router.api_key_secret names the secret `ROUTER_KEY`, which is not set (`wrangler secret put ROUTER_KEY`).",
        type: "server_error",
        param: null,
        code: "upstream_config_invalid",
      },
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("answers a broken ROUTES as a 500 naming it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { client } = testWorker({ vars: { ...vars, ROUTES: "not json" }, apiKey: "sk-client" });
    const failure = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      status: 500,
      code: "upstream_config_invalid",
      error: { message: "ai-forwarder is misconfigured: ROUTES is not valid JSON." },
    });
  });
});

describe("passthrough", () => {
  it("forwards path, query and body bytes with only credentials replaced, and strips hop-by-hop and cf-* headers both ways", async () => {
    const upstreamAnswer = new Response('{"odd": true}', {
      status: 418,
      headers: { "content-type": "application/json", "set-cookie": "a=b", "cf-ray": "123", "x-ratelimit-remaining-requests": "9" },
    });
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(upstreamAnswer);
    const { fetch } = testWorker({ vars, apiKey: "sk-client" });
    const body = '{ "model": "relay-1",  "anything": [1,2] }';
    const res = await fetch(`${BASE_URL}/chat/completions?x=1`, {
      method: "POST",
      headers: {
        authorization: "Bearer sk-client",
        "content-type": "application/json",
        "cf-connecting-ip": "203.0.113.9",
        "x-forwarded-for": "203.0.113.9",
        "openai-organization": "org-client",
        connection: "keep-alive, x-secret-hop",
        "x-secret-hop": "1",
        "openai-beta": "assistants=v2",
      },
      body,
    });
    expect(res.status).toBe(418);
    expect(await res.text()).toBe('{"odd": true}');
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("cf-ray")).toBeNull();
    expect(res.headers.get("x-ratelimit-remaining-requests")).toBe("9");
    const [url, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("https://api.openai.example/v1/chat/completions?x=1");
    expect(new TextDecoder().decode(init.body as Uint8Array)).toBe(body);
    const sent = Object.fromEntries(new Headers(init.headers).entries());
    expect(sent).toEqual({ authorization: "Bearer sk-upstream-openai", "content-type": "application/json", "openai-beta": "assistants=v2" });
  });

  it("serves a path this Worker has through its own handler even with PASSTHROUGH_UPSTREAM set, and forwards one it has not", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({ object: "list", data: [] }));
    const { fetch } = testWorker({ vars: { ...vars, PASSTHROUGH_UPSTREAM: "openai" }, apiKey: "sk-client" });
    const auth = { authorization: "Bearer sk-client" };
    expect((await fetch(`${BASE_URL}/models`, { headers: auth })).status).toBe(200);
    expect(fetchSpy).not.toHaveBeenCalled();
    const res = await fetch(`${BASE_URL}/batches?limit=1`, { headers: auth });
    expect(await res.json()).toEqual({ object: "list", data: [] });
    expect(fetchSpy.mock.calls[0]?.[0]).toBe("https://api.openai.example/v1/batches?limit=1");
    // Outside /v1 and unauthenticated requests are never forwarded.
    expect((await fetch("https://ai-forwarder.test/other", { headers: auth })).status).toBe(404);
    expect((await fetch(`${BASE_URL}/batches`)).status).toBe(401);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});

describe("AI_GATEWAY_ID and /v1/models", () => {
  it("passes { gateway: { id } } with every Workers AI binding call", async () => {
    const options: unknown[] = [];
    const ai: AiRunner = {
      async run(_model, _inputs, opts) {
        options.push(opts);
        return { response: "hello" };
      },
    };
    const { client } = testWorker({ ai, vars: { AI_GATEWAY_ID: "my-gateway" } });
    await client.chat.completions.create({ model: "@cf/meta/llama-3.1-8b-instruct", messages: [{ role: "user", content: "hi" }] });
    expect(options).toEqual([{ gateway: { id: "my-gateway" } }]);
  });

  it("lists routed exact names owned by their upstream, and finds glob-routed names", async () => {
    const { client } = testWorker({ vars: { ...vars, ROUTES: JSON.stringify([{ model: "gpt-4o", upstream: "openai" }, { model: "claude-*", upstream: "router" }]) }, apiKey: "sk-client" });
    const models = await client.models.list();
    expect(models.data.find((m) => m.id === "gpt-4o")?.owned_by).toBe("openai");
    expect(models.data.some((m) => m.id.includes("*"))).toBe(false);
    expect((await client.models.retrieve("claude-opus")).owned_by).toBe("router");
  });
});
