/**
 * The routing editor's API: the table in force and its source, a PUT validated like the
 * UPSTREAMS/ROUTES vars (400 naming the problem in the document's terms), the override taking
 * effect on chat routing at once in this isolate and read from KV at most once per isolate per
 * few seconds, DELETE returning to the vars, and "test connection" per upstream (the upstream's
 * `GET /models` with its key, reported as data, the key never shown).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { OVERRIDE_CACHE_MS, cachedRoutingOverride } from "../../../src/admin/routing-override";
import { countingKv } from "../../helpers/counting-kv";
import { testWorker } from "../../helpers/worker";

const PASSWORD = "admin-pass";
const ORIGIN = "https://ai-forwarder.test";
const AUTH = { authorization: `Bearer ${PASSWORD}` };
const VARS = {
  ADMIN_PASSWORD: PASSWORD,
  API_KEYS: "sk-client",
  KV_WRITE_SPACING_MS: "0",
  UPSTREAMS: JSON.stringify({ vars_up: { base_url: "https://vars.example/v1", api_key_secret: "VARS_KEY" } }),
  ROUTES: JSON.stringify([{ model: "vars-*", upstream: "vars_up" }]),
  VARS_KEY: "sk-vars-upstream",
  EDITOR_KEY: "sk-editor-upstream-secret",
};
const DOCUMENT = {
  upstreams: { editor: { base_url: "https://editor.example/v1", api_key_secret: "EDITOR_KEY", timeout_ms: 5000 } },
  routes: [{ model: "edited-*", upstream: "editor", upstream_model: "real-model" }],
  passthrough_upstream: null,
};

const worker = () => testWorker({ vars: VARS, apiKey: "sk-client" });
const api = (w: ReturnType<typeof worker>, method: string, path: string, body?: unknown) =>
  w.fetch(`${ORIGIN}/admin/api${path}`, {
    method,
    headers: { ...AUTH, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

function completion(content: string): Response {
  return Response.json({ id: "chatcmpl-up", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] });
}

afterEach(async () => {
  vi.restoreAllMocks();
  await api(worker(), "DELETE", "/routing");
});

describe("GET /admin/api/routing", () => {
  it("shows the vars' table with source vars when nothing is saved", async () => {
    const res = await api(worker(), "GET", "/routing");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      upstreams: { vars_up: { base_url: "https://vars.example/v1", api_key_secret: "VARS_KEY", timeout_ms: 60000 } },
      routes: [{ model: "vars-*", upstream: "vars_up", mode: "translate" }],
      passthrough_upstream: null,
      source: "vars",
      updated_at: null,
      problem: null,
    });
  });
});

describe("PUT /admin/api/routing", () => {
  it.each([
    [{ upstreams: [], routes: [] }, "upstreams", "`upstreams` must be an object"],
    [{ upstreams: {}, routes: {} }, "routes", "`routes` must be an array"],
    [{ upstreams: { a: { base_url: "ftp://x" } } }, "upstreams.a.base_url", "upstreams.a.base_url must be an http(s) URL"],
    [
      { upstreams: {}, routes: [{ model: "x", upstream: "ghost" }] },
      "routes[0].upstream",
      "routes[0].upstream names `ghost`, which upstreams does not define.",
    ],
    [{ upstreams: {}, passthrough_upstream: "ghost" }, "passthrough_upstream", "passthrough_upstream names `ghost`"],
  ])("refuses %j with a 400 naming the problem", async (body, param, message) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const w = worker();
    const res = await api(w, "PUT", "/routing", body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string; param: string; type: string } };
    expect(error.param).toBe(param);
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toContain(message);
    expect(w.kv.counts.writes).toBe(0);
  });

  it("stores the override in KV and routes chat by it at once; DELETE returns to the vars", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => completion("from the edited route"));
    const w = worker();
    const saved = await api(w, "PUT", "/routing", DOCUMENT);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ ...DOCUMENT, source: "kv", problem: null });
    const stored = (await w.env.CACHE.get("config/routing", "json")) as { document: unknown; updated_at: number };
    expect(stored.document).toEqual(DOCUMENT);
    // The key's value is never stored, only the secret's name.
    expect(JSON.stringify(stored)).not.toContain(VARS.EDITOR_KEY);

    const answer = await w.client.chat.completions.create({ model: "edited-1", messages: [{ role: "user", content: "hi" }] });
    expect(answer.choices[0]?.message.content).toBe("from the edited route");
    const [url, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("https://editor.example/v1/chat/completions");
    expect(new Headers(init.headers).get("authorization")).toBe(`Bearer ${VARS.EDITOR_KEY}`);
    expect(JSON.parse(init.body as string).model).toBe("real-model");
    // The vars' routes are replaced, not merged: vars-* is no model any more.
    const chat = (model: string) => w.client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] });
    await expect(chat("vars-x")).rejects.toMatchObject({ status: 404 });
    expect(fetchSpy).toHaveBeenCalledTimes(1);

    const reset = await api(w, "DELETE", "/routing");
    expect(await reset.json()).toMatchObject({ source: "vars", routes: [{ model: "vars-*" }] });
    expect(await w.env.CACHE.get("config/routing")).toBeNull();
    await expect(chat("edited-1")).rejects.toMatchObject({ status: 404 });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    await w.client.chat.completions.create({ model: "vars-1", messages: [{ role: "user", content: "hi" }] });
    expect(fetchSpy.mock.calls[1]?.[0]).toBe("https://vars.example/v1/chat/completions");
  });

  it("accepts what GET returned (source, updated_at and problem are ignored)", async () => {
    const w = worker();
    const shown = await (await api(w, "GET", "/routing")).json();
    const res = await api(w, "PUT", "/routing", shown);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: "kv", routes: [{ model: "vars-*", upstream: "vars_up" }] });
  });
});

describe("the override's isolate cache", () => {
  it("reads KV at most once per isolate per OVERRIDE_CACHE_MS, whether or not an override exists", async () => {
    const w = worker();
    await api(w, "DELETE", "/routing");
    const kv = countingKv(w.env.CACHE, { everyKey: true });
    const t = Date.now() + 60 * OVERRIDE_CACHE_MS; // past whatever the other tests cached
    expect(await cachedRoutingOverride(kv.kv, t)).toBeNull();
    expect(await cachedRoutingOverride(kv.kv, t + 1)).toBeNull();
    expect(await cachedRoutingOverride(kv.kv, t + OVERRIDE_CACHE_MS - 1)).toBeNull();
    expect(kv.counts.reads).toBe(1);
    await w.env.CACHE.put("config/routing", JSON.stringify({ document: DOCUMENT, updated_at: 1 }));
    const later = await cachedRoutingOverride(kv.kv, t + OVERRIDE_CACHE_MS);
    expect(kv.counts.reads).toBe(2);
    expect(later?.table.routes[0]?.pattern).toBe("edited-*");
  });
});

describe("POST /admin/api/upstreams/{name}/test", () => {
  it("calls the upstream's GET /models with its key and lists the models", async () => {
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockResolvedValue(Response.json({ object: "list", data: [{ id: "m-1" }, { id: "m-2" }] }));
    const w = worker();
    await api(w, "PUT", "/routing", DOCUMENT);
    const res = await api(w, "POST", "/upstreams/editor/test");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, status: 200, models: ["m-1", "m-2"] });
    expect(typeof body.latency_ms).toBe("number");
    const [url, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("https://editor.example/v1/models");
    expect(new Headers(init.headers).get("authorization")).toBe(`Bearer ${VARS.EDITOR_KEY}`);
  });

  it("reports an upstream's refusal as data, with its key blanked out", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(
      Response.json({ error: { message: `Incorrect API key provided: ${VARS.VARS_KEY}` } }, { status: 401 }),
    );
    const res = await api(worker(), "POST", "/upstreams/vars_up/test");
    const body = (await res.json()) as { ok: boolean; status: number; error: string };
    expect(body).toMatchObject({ ok: false, status: 401 });
    expect(body.error).toContain("[redacted]");
    expect(JSON.stringify(body)).not.toContain(VARS.VARS_KEY);
  });

  it("reports an unreachable upstream and a missing secret without calling out", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connection refused"));
    const w = worker();
    expect(await (await api(w, "POST", "/upstreams/vars_up/test")).json()).toMatchObject({ ok: false, status: null });
    await api(w, "PUT", "/routing", {
      upstreams: { bare: { base_url: "https://bare.example/v1", api_key_secret: "NOT_SET" } },
      routes: [],
    });
    fetchSpy.mockClear();
    const missing = (await (await api(w, "POST", "/upstreams/bare/test")).json()) as { ok: boolean; error: string };
    expect(missing.ok).toBe(false);
    expect(missing.error).toContain("NOT_SET");
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("answers 404 for an upstream the table does not define", async () => {
    const res = await api(worker(), "POST", "/upstreams/ghost/test");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("upstream_not_found");
  });
});
