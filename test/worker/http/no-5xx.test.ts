/**
 * Nothing a client sends may produce a 5xx. Every POST route gets a deterministic battery of
 * malformed bodies (wrong types at every known field, nulls, empty values, nested garbage);
 * every answer must be a 2xx or an OpenAI-shaped 4xx.
 */
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../../src/routes";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, testWorker } from "../../helpers/worker";

const FIELDS = [
  "model",
  "messages",
  "input",
  "prompt",
  "role",
  "content",
  "tools",
  "tool_choice",
  "stream",
  "stream_options",
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "n",
  "stop",
  "response_format",
  "metadata",
  "assistant_id",
  "thread",
  "additional_messages",
  "truncation_strategy",
  "tool_outputs",
  "encoding_format",
  "dimensions",
  "size",
  "voice",
  "response_format",
  "instructions",
  "attachments",
  "seed",
  "parallel_tool_calls",
];
const BAD_VALUES: unknown[] = [null, "", "x", -1, 0, 1e308, true, [], [null], [{}], {}, { type: 7 }, [[[]]], "😀".repeat(3)];

function* bodies(): Generator<unknown> {
  yield {};
  yield [];
  yield "just a string";
  yield 42;
  for (const field of FIELDS) for (const value of BAD_VALUES) yield { model: "gpt-4o", [field]: value };
  yield { model: "gpt-4o", messages: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }] };
  yield { model: "gpt-4o", messages: [{ role: "assistant", tool_calls: [{ id: 1 }] }] };
  yield {
    model: "gpt-4o",
    messages: [{ role: "user", content: "hi" }],
    tools: [{ type: "function", function: { name: "f", parameters: "nope" } }],
  };
}

// Concrete paths for the parameterised routes: unknown ids are fine (they must 404, not 500).
function concrete(path: string): string {
  return path
    .replace(":assistant_id", "asst_missing")
    .replace(":thread_id", "thread_missing")
    .replace(":message_id", "msg_missing")
    .replace(":run_id", "run_missing")
    .replace(":step_id", "step_missing")
    .replace(":model+", "gpt-4o")
    .replace(/:(\w+)/g, "x_$1");
}

describe("no client input produces a 5xx", () => {
  const posts = ROUTES.filter((r) => r.method === "POST");
  it.each(posts.map((r) => [r.path]))("POST %s", async (path) => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const url = `${BASE_URL}${concrete(path).replace(/^\/v1/, "")}`;
    for (const body of bodies()) {
      const res = await w.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await res.text();
      if (res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(body).slice(0, 200)}: ${text.slice(0, 300)}`);
      if (res.status >= 400) expectSchema("ErrorResponse", JSON.parse(text));
    }
    await w.settle();
    // Hundreds of bodies per route; each new thread also creates its coordinator (local SQLite).
  }, 120_000);

  it("POST routes on existing resources, with a real assistant id unless that field is under test", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const assistant = await w.client.beta.assistants.create({
      model: "gpt-4o",
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }],
    });
    const thread = await w.client.beta.threads.create({ messages: [{ role: "user", content: "call get_weather" }] });
    const message = (await w.client.beta.threads.messages.list(thread.id)).data[0]!;
    const run = await w.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
    const ids: Record<string, string> = { assistant_id: assistant.id, thread_id: thread.id, message_id: message.id, run_id: run.id };
    for (const r of ROUTES.filter((x) => x.method === "POST")) {
      const path = r.path.replace(/:(\w+)\+?/g, (_, name: string) => ids[name] ?? "gpt-4o");
      for (const body of bodies()) {
        const withAssistant =
          body && typeof body === "object" && !Array.isArray(body) && !("assistant_id" in body)
            ? { ...body, assistant_id: assistant.id }
            : body;
        const res = await w.fetch(`${BASE_URL}${path.replace(/^\/v1/, "")}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(withAssistant),
        });
        const text = await res.text();
        if (res.status >= 500)
          throw new Error(`${res.status} on ${path} for ${JSON.stringify(withAssistant).slice(0, 200)}: ${text.slice(0, 300)}`);
        await w.settle();
      }
    }
  }, 120_000);

  it("vector store POST routes on an existing store, file and batch, with their own fields", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const file = await w.client.files.create({ file: new File(["some text to index"], "a.txt"), purpose: "assistants" });
    const store = await w.client.vectorStores.create({ file_ids: [file.id] });
    const batch = await w.client.vectorStores.fileBatches.create(store.id, { file_ids: [file.id] });
    const ids: Record<string, string> = { vector_store_id: store.id, file_id: file.id, batch_id: batch.id };
    const fields = [
      "file_id",
      "file_ids",
      "chunking_strategy",
      "attributes",
      "query",
      "filters",
      "max_num_results",
      "ranking_options",
      "rewrite_query",
      "expires_after",
      "name",
    ];
    for (const r of ROUTES.filter((x) => x.method === "POST" && x.path.startsWith("/v1/vector_stores/"))) {
      const url = `${BASE_URL}${r.path.replace(/^\/v1/, "").replace(/:(\w+)/g, (_, name: string) => ids[name] ?? "x")}`;
      for (const field of fields) {
        for (const value of [...BAD_VALUES, { type: "static", static: { max_chunk_size_tokens: "x" } }, { type: "and", filters: [[]] }]) {
          const body = { query: "x", file_id: file.id, [field]: value };
          const res = await w.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          const text = await res.text();
          if (res.status >= 500)
            throw new Error(`${res.status} on ${r.path} for ${JSON.stringify(body).slice(0, 200)}: ${text.slice(0, 300)}`);
        }
      }
    }
    await w.settle();
  }, 120_000);

  it("GET routes with junk query strings", async () => {
    const w = testWorker();
    for (const r of ROUTES.filter((x) => x.method === "GET")) {
      for (const q of ["?limit=abc", "?limit=0", "?limit=1000", "?order=sideways", "?after=%00", `?before=${"z".repeat(600)}`]) {
        const res = await w.fetch(`${BASE_URL}${concrete(r.path).replace(/^\/v1/, "")}${q}`);
        expect(res.status, `${r.path}${q}`).toBeLessThan(500);
      }
    }
  });

  it("malformed percent-encoding in any id segment is a 404 envelope", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    for (const r of ROUTES.filter((x) => x.path.includes(":"))) {
      for (const bad of ["%ZZ", "thread_%ZZ", "%E0%A4%A"]) {
        const path = r.path.replace(/:(\w+)\+?/g, bad).replace(/^\/v1/, "");
        const init: RequestInit =
          r.method === "POST" ? { method: "POST", headers: { "content-type": "application/json" }, body: "{}" } : { method: r.method };
        const res = await w.fetch(`${BASE_URL}${path}`, init);
        const text = await res.text();
        expect(res.status, `${r.method} ${path}: ${text.slice(0, 200)}`).toBe(404);
        expectSchema("ErrorResponse", JSON.parse(text));
      }
    }
  });

  it("JSON nested deeper than 64 levels is a 400 on every POST route, wherever it is nested", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
    const bodies = [
      `{"model":"gpt-4o","tools":[{"type":"function","function":{"name":"f","parameters":${deep(100_000)}}}]}`,
      `{"model":"gpt-4o","response_format":{"type":"json_schema","json_schema":{"name":"s","schema":${deep(100_000)}}}}`,
      `{"model":"gpt-4o","metadata":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      // 65 levels counting the body itself.
      `{"model":"gpt-4o","x":${deep(64)}}`,
    ];
    for (const r of ROUTES.filter((x) => x.method === "POST")) {
      for (const body of bodies) {
        const res = await w.fetch(`${BASE_URL}${concrete(r.path).replace(/^\/v1/, "")}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await res.text();
        // Routes that read multipart (audio) or no body answer their own 4xx; none may fail.
        expect(res.status, `${r.path}: ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(res.status, `${r.path}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expectSchema("ErrorResponse", JSON.parse(text));
      }
    }
    // 64 levels (the body and 63 below it) pass the depth check: the field is simply unknown.
    const ok = await w.fetch(`${BASE_URL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"x":${deep(62)}}`,
    });
    expect(ok.status).toBe(200);
    const refused = await w.fetch(`${BASE_URL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"x":${deep(64)}}`,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("nested more than 64 levels");
  }, 60_000);
});
