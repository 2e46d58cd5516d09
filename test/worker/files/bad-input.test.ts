/**
 * Bad input on the Files and vector store endpoints: OpenAI's error envelope with a 4xx, never
 * a 5xx (unknown purpose, missing file part, oversize file, unknown ids, bad chunking
 * strategies, empty or malformed search queries and filters).
 */
import { describe, expect, it } from "vitest";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, postJson } from "../../helpers/worker";
import { filesWorker } from "./helpers";

async function expectError(response: Response, status: number, param?: string | null): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expectSchema("ErrorResponse", body);
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

function upload(w: ReturnType<typeof filesWorker>, form: FormData): Promise<Response> {
  return w.fetch(`${BASE_URL}/files`, { method: "POST", headers: { authorization: "Bearer sk-test" }, body: form });
}

function form(fields: Record<string, string | File>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("bad input on /v1/files", () => {
  it("unknown or missing purpose → 400", async () => {
    const w = filesWorker();
    const file = new File(["x"], "a.txt");
    const err = await expectError(await upload(w, form({ purpose: "fine-tune", file })), 400, "purpose");
    expect(err.message).toContain("'assistants'");
    await expectError(await upload(w, form({ purpose: "sideways", file })), 400, "purpose");
    await expectError(await upload(w, form({ file })), 400, "purpose");
  });

  it("missing file part, or a text field as the file → 400", async () => {
    const w = filesWorker();
    await expectError(await upload(w, form({ purpose: "assistants" })), 400, "file");
    await expectError(await upload(w, form({ purpose: "assistants", file: "not a file" })), 400, "file");
  });

  it("a JSON body → 400", async () => {
    await expectError(await postJson(filesWorker(), "/files", { purpose: "assistants" }), 400);
  });

  it("a file over 25 MiB → 413 naming the limit, whether the size is declared or not", async () => {
    const w = filesWorker();
    const big = new File([new Uint8Array(25 * 1024 * 1024 + 1)], "big.bin");
    const err = await expectError(await upload(w, form({ purpose: "assistants", file: big })), 413, "file");
    expect(err.message).toContain("26214400 bytes (25 MiB");
    const declared = await w.fetch(`${BASE_URL}/files`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(40 * 1024 * 1024) },
      body: "--x--",
    });
    expect((await expectError(declared, 413)).message).toContain("25 MiB");
  });

  it("bad expires_after → 400", async () => {
    const w = filesWorker();
    const fields = {
      purpose: "assistants",
      file: new File(["x"], "a.txt"),
      "expires_after[anchor]": "created_at",
      "expires_after[seconds]": "5",
    };
    await expectError(await upload(w, form(fields)), 400, "expires_after.seconds");
  });

  it("unknown or malformed file ids → 404", async () => {
    const w = filesWorker();
    for (const path of ["/files/file-nope", "/files/nope", "/files/file-nope/content"])
      await expectError(await w.fetch(`${BASE_URL}${path}`), 404);
    await expectError(await w.fetch(`${BASE_URL}/files/file-nope`, { method: "DELETE" }), 404);
    await expectError(await w.fetch(`${BASE_URL}/files?limit=0`), 400, "limit");
  });
});

describe("bad input on /v1/vector_stores", () => {
  it("unknown vector store or file ids → 404", async () => {
    const w = filesWorker();
    await expectError(await w.fetch(`${BASE_URL}/vector_stores/vs_nope`), 404);
    await expectError(await postJson(w, "/vector_stores", { file_ids: ["file-nope"] }), 404, "file_ids");
    const store = await w.client.vectorStores.create({});
    await expectError(await postJson(w, `/vector_stores/${store.id}/files`, { file_id: "file-nope" }), 404, "file_id");
    await expectError(await w.fetch(`${BASE_URL}/vector_stores/${store.id}/files/file-nope`), 404);
    await expectError(await w.fetch(`${BASE_URL}/vector_stores/vs_nope/files/file-nope`), 404);
    await expectError(await w.fetch(`${BASE_URL}/vector_stores/${store.id}/file_batches/vsfb_nope`), 404);
    await expectError(await postJson(w, "/vector_stores/vs_nope/search", { query: "x" }), 404);
    // Nothing was written for the refused store.
    expect((await w.client.vectorStores.list({ limit: 100 })).data.filter((s) => s.id > store.id)).toEqual([]);
  });

  it.each([
    [{ type: "semantic" }, "chunking_strategy.type"],
    [{ type: "static" }, "chunking_strategy.static"],
    [{ type: "static", static: { max_chunk_size_tokens: 50, chunk_overlap_tokens: 0 } }, "chunking_strategy.static.max_chunk_size_tokens"],
    [
      { type: "static", static: { max_chunk_size_tokens: 5000, chunk_overlap_tokens: 0 } },
      "chunking_strategy.static.max_chunk_size_tokens",
    ],
    [
      { type: "static", static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 300 } },
      "chunking_strategy.static.chunk_overlap_tokens",
    ],
    ["auto", "chunking_strategy"],
  ])("bad chunking strategy %j → 400", async (chunking_strategy, param) => {
    await expectError(await postJson(filesWorker(), "/vector_stores", { chunking_strategy }), 400, param);
  });

  it.each([
    [{}, "query"],
    [{ query: "" }, "query"],
    [{ query: "   " }, "query"],
    [{ query: [] }, "query"],
    [{ query: ["ok", ""] }, "query"],
    [{ query: 7 }, "query"],
    [{ query: "x", max_num_results: 0 }, "max_num_results"],
    [{ query: "x", max_num_results: 51 }, "max_num_results"],
    [{ query: "x", ranking_options: { score_threshold: 2 } }, "ranking_options.score_threshold"],
    [{ query: "x", ranking_options: { ranker: "best" } }, "ranking_options.ranker"],
    [{ query: "x", filters: { type: "like", key: "a", value: 1 } }, "filters.type"],
    [{ query: "x", filters: { type: "eq", value: 1 } }, "filters.key"],
    [{ query: "x", filters: { type: "in", key: "a", value: "b" } }, "filters.value"],
    [{ query: "x", filters: { type: "and", filters: [{ type: "eq", key: "a" }] } }, "filters.filters[0].value"],
    [{ query: "x", rewrite_query: "yes" }, "rewrite_query"],
  ])("bad search %j → 400", async (body, param) => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({});
    await expectError(await postJson(w, `/vector_stores/${store.id}/search`, body), 400, param);
  });

  it("bad attributes, file ids and expiry → 400", async () => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({});
    await expectError(await postJson(w, `/vector_stores/${store.id}/files`, {}), 400, "file_id");
    await expectError(await postJson(w, `/vector_stores/${store.id}/file_batches`, { file_ids: [] }), 400, "file_ids");
    await expectError(
      await postJson(w, `/vector_stores/${store.id}/files`, { file_id: "file-x", attributes: { a: {} } }),
      400,
      "attributes.a",
    );
    await expectError(
      await postJson(w, "/vector_stores", { expires_after: { anchor: "created_at", days: 1 } }),
      400,
      "expires_after.anchor",
    );
    await expectError(
      await postJson(w, "/vector_stores", { expires_after: { anchor: "last_active_at", days: 400 } }),
      400,
      "expires_after.days",
    );
    await expectError(await w.fetch(`${BASE_URL}/vector_stores/${store.id}/files?filter=done`), 400, "filter");
  });
});
