/**
 * Vector stores through the official SDK on the emulator: create with files, uploadAndPoll
 * (small text files index before the response; larger ones in waitUntil), file batches, search
 * with filters and thresholds, attributes, content, detach and delete. Every object is validated
 * against OpenAI's schemas.
 */
import { describe, expect, it } from "vitest";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, postJson } from "../../helpers/worker";
import { DOCUMENT, SMALL_CHUNKS, TOPICS, filesWorker, textFile } from "./helpers";

const poll = { pollIntervalMs: 5 };

describe("vector stores", () => {
  it("create with file_ids: a small text file is completed at once, and the store counts it", async () => {
    const w = filesWorker();
    const file = await w.client.files.create({ file: await textFile("doc.md", DOCUMENT), purpose: "assistants" });
    const store = await w.client.vectorStores.create({
      name: "docs",
      file_ids: [file.id],
      metadata: { team: "a" },
      expires_after: { anchor: "last_active_at", days: 7 },
    });
    expectSchema("VectorStoreObject", store);
    expect(store).toMatchObject({
      object: "vector_store",
      name: "docs",
      status: "completed",
      file_counts: { in_progress: 0, completed: 1, failed: 0, cancelled: 0, total: 1 },
      metadata: { team: "a" },
      expires_after: { anchor: "last_active_at", days: 7 },
      expires_at: store.created_at + 7 * 86400,
    });
    expect(store.usage_bytes).toBeGreaterThan(DOCUMENT.length);
    expect(await w.client.vectorStores.retrieve(store.id)).toEqual(store);

    const vsFile = await w.client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id });
    expectSchema("VectorStoreFileObject", vsFile);
    expect(vsFile).toMatchObject({
      id: file.id,
      object: "vector_store.file",
      vector_store_id: store.id,
      status: "completed",
      last_error: null,
      chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
      attributes: null,
    });
    const content = await (await w.fetch(`${BASE_URL}/vector_stores/${store.id}/files/${file.id}/content`)).json();
    expectSchema("VectorStoreFileContentResponse", content);
    expect(content).toEqual({
      object: "vector_store.file_content.page",
      data: [{ type: "text", text: DOCUMENT }],
      has_more: false,
      next_page: null,
    });
  });

  it("files.uploadAndPoll and search: the best chunk is the one about the query", async () => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({ name: "search" });
    const vsFile = await w.client.vectorStores.files.uploadAndPoll(store.id, await textFile("topics.txt", DOCUMENT), poll);
    expect(vsFile.status).toBe("completed");

    const page = await w.client.vectorStores.search(store.id, { query: "who keeps the lighthouse lamp lit?", max_num_results: 2 });
    const raw = await (await postJson(w, `/vector_stores/${store.id}/search`, { query: "volcano eruption magma" })).json();
    expectSchema("VectorStoreSearchResultsPage", raw);
    const results = page.data;
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(2);
    expect(results[0]).toMatchObject({ file_id: vsFile.id, filename: "topics.txt", attributes: null });
    expect(results[0]?.content[0]?.text).toContain("lighthouse");
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score ?? 0);
    expect((raw as { data: { content: { text: string }[] }[] }).data[0]?.content[0]?.text).toContain("volcano");
    expect((raw as { search_query: string[] }).search_query).toEqual(["volcano eruption magma"]);
  });

  it("static chunking cuts small chunks; a query list scores each chunk by its best query", async () => {
    const w = filesWorker();
    const file = await w.client.files.create({ file: await textFile("t.txt", DOCUMENT), purpose: "assistants" });
    const store = await w.client.vectorStores.create({ file_ids: [file.id], chunking_strategy: SMALL_CHUNKS });
    const vsFile = await w.client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id });
    expect(vsFile.chunking_strategy).toEqual(SMALL_CHUNKS);
    const page = await w.client.vectorStores.search(store.id, { query: ["sourdough starter", "lava and ash"], max_num_results: 10 });
    expect(page.data).toHaveLength(3);
    const top = page.data.slice(0, 2).map((r) => r.content[0]?.text ?? "");
    expect(top.some((t) => t.includes("sourdough"))).toBe(true);
    expect(top.some((t) => t.includes("volcano") || t.includes("Lava"))).toBe(true);
    const strict = await w.client.vectorStores.search(store.id, { query: "sourdough starter", ranking_options: { score_threshold: 0.99 } });
    expect(strict.data).toEqual([]);
  });

  it("attribute filters: comparison and compound, and attributes updates", async () => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({});
    const a = await w.client.files.create({ file: await textFile("a.txt", TOPICS.lighthouse), purpose: "assistants" });
    const b = await w.client.files.create({ file: await textFile("b.txt", TOPICS.volcano), purpose: "assistants" });
    await w.client.vectorStores.files.create(store.id, { file_id: a.id, attributes: { year: 2020, region: "north", public: true } });
    await w.client.vectorStores.files.create(store.id, { file_id: b.id, attributes: { year: 2024, region: "south", public: false } });
    const ids = async (filters: object) =>
      (await w.client.vectorStores.search(store.id, { query: "lighthouse volcano", filters: filters as never })).data
        .map((r) => r.file_id)
        .sort();
    expect(await ids({ type: "eq", key: "region", value: "north" })).toEqual([a.id]);
    expect(await ids({ type: "gte", key: "year", value: 2021 })).toEqual([b.id]);
    expect(await ids({ type: "in", key: "region", value: ["north", "south"] })).toEqual([a.id, b.id].sort());
    expect(await ids({ type: "nin", key: "region", value: ["north"] })).toEqual([b.id]);
    expect(await ids({ type: "ne", key: "public", value: true })).toEqual([b.id]);
    expect(
      await ids({
        type: "or",
        filters: [
          { type: "lt", key: "year", value: 2021 },
          {
            type: "and",
            filters: [
              { type: "eq", key: "region", value: "south" },
              { type: "eq", key: "public", value: true },
            ],
          },
        ],
      }),
    ).toEqual([a.id]);
    const updated = await w.client.vectorStores.files.update(b.id, { vector_store_id: store.id, attributes: { region: "north" } });
    expectSchema("VectorStoreFileObject", updated);
    expect(updated.attributes).toEqual({ region: "north" });
    expect(await ids({ type: "eq", key: "region", value: "north" })).toEqual([a.id, b.id].sort());
  });

  it("fileBatches.uploadAndPoll, listFiles with a status filter, and list/detach/delete", async () => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({ name: "batch" });
    const batch = await w.client.vectorStores.fileBatches.uploadAndPoll(
      store.id,
      { files: [await textFile("one.txt", TOPICS.sourdough), await textFile("two.txt", TOPICS.volcano)] },
      poll,
    );
    expectSchema("VectorStoreFileBatchObject", batch);
    expect(batch).toMatchObject({
      object: "vector_store.files_batch",
      vector_store_id: store.id,
      status: "completed",
      file_counts: { in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 },
    });
    const files = await w.client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id, filter: "completed" });
    expect(files.data).toHaveLength(2);
    const rawList = await (await w.fetch(`${BASE_URL}/vector_stores/${store.id}/files?filter=completed`)).json();
    expectSchema("ListVectorStoreFilesResponse", rawList);
    expect((await w.client.vectorStores.files.list(store.id, { filter: "failed" })).data).toEqual([]);

    const stores = await (await w.fetch(`${BASE_URL}/vector_stores?limit=100`)).json();
    expectSchema("ListVectorStoresResponse", stores);
    expect((stores as { data: { id: string }[] }).data.map((s) => s.id)).toContain(store.id);

    const first = files.data[0]!;
    const detached = await w.client.vectorStores.files.delete(first.id, { vector_store_id: store.id });
    expectSchema("DeleteVectorStoreFileResponse", detached);
    expect(detached).toEqual({ id: first.id, object: "vector_store.file.deleted", deleted: true });
    expect((await w.client.vectorStores.retrieve(store.id)).file_counts.total).toBe(1);
    // The file itself stays.
    expect((await w.client.files.retrieve(first.id)).id).toBe(first.id);

    const deleted = await w.client.vectorStores.delete(store.id);
    expectSchema("DeleteVectorStoreResponse", deleted);
    expect(deleted).toEqual({ id: store.id, object: "vector_store.deleted", deleted: true });
    await expect(w.client.vectorStores.retrieve(store.id)).rejects.toMatchObject({ status: 404 });
  });

  it("a larger file is indexed in waitUntil: in_progress first, then completed", async () => {
    const w = filesWorker();
    const big = Array.from({ length: 100 }, () => DOCUMENT).join("\n\n");
    const file = await w.client.files.create({ file: await textFile("big.txt", big), purpose: "assistants" });
    const store = await w.client.vectorStores.create({});
    const attached = await w.client.vectorStores.files.create(store.id, { file_id: file.id });
    expect(attached.status).toBe("in_progress");
    expect((await w.client.vectorStores.retrieve(store.id)).status).toBe("in_progress");
    await w.settle();
    const done = await w.client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id });
    expect(done.status).toBe("completed");
    expect((await w.client.vectorStores.retrieve(store.id)).status).toBe("completed");
  });

  it("deleting a file removes it from every vector store", async () => {
    const w = filesWorker();
    const file = await w.client.files.create({ file: await textFile("x.txt", TOPICS.lighthouse), purpose: "assistants" });
    const s1 = await w.client.vectorStores.create({ file_ids: [file.id] });
    const s2 = await w.client.vectorStores.create({ file_ids: [file.id] });
    await w.client.files.delete(file.id);
    for (const s of [s1, s2]) {
      expect((await w.client.vectorStores.retrieve(s.id)).file_counts.total).toBe(0);
      expect((await w.client.vectorStores.search(s.id, { query: "lighthouse" })).data).toEqual([]);
    }
  });

  it("a format the emulator cannot convert fails with last_error; unsupported types fail as unsupported_file", async () => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({});
    const pdf = await w.client.vectorStores.files.uploadAndPoll(store.id, await textFile("paper.pdf", "%PDF-1.4 not really"), poll);
    expectSchema("VectorStoreFileObject", pdf);
    expect(pdf.status).toBe("failed");
    expect(pdf.last_error?.code).toBe("invalid_file");
    expect(pdf.last_error?.message).toContain("offline emulator");
    const exe = await w.client.vectorStores.files.uploadAndPoll(store.id, await textFile("tool.exe", "MZ"), poll);
    expect(exe.last_error?.code).toBe("unsupported_file");
    const store2 = await w.client.vectorStores.retrieve(store.id);
    expect(store2.file_counts).toMatchObject({ failed: 2, total: 2 });
  });

  it("PDFs go through the binding's toMarkdown", async () => {
    const { createEmulatedAi } = await import("../../../src/dev/emulator/emulated-ai");
    const emulated = createEmulatedAi();
    const converted: string[] = [];
    const ai = {
      run: emulated.run,
      async toMarkdown(files: { name: string; blob: Blob }[]) {
        converted.push(...files.map((f) => f.name));
        return files.map((f) => ({
          name: f.name,
          mimeType: "application/pdf",
          format: "markdown" as const,
          tokens: 9,
          data: TOPICS.sourdough,
        }));
      },
    };
    const w = filesWorker({ ai });
    const store = await w.client.vectorStores.create({});
    const vsFile = await w.client.vectorStores.files.uploadAndPoll(store.id, await textFile("bread.pdf", "%PDF-1.4"), poll);
    expect(vsFile.status).toBe("completed");
    expect(converted).toEqual(["bread.pdf"]);
    const page = await w.client.vectorStores.search(store.id, { query: "sourdough" });
    expect(page.data[0]?.content[0]?.text).toBe(TOPICS.sourdough);
  });

  it("modify sets name, metadata and clears expiry", async () => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({ name: "a", expires_after: { anchor: "last_active_at", days: 1 } });
    const next = await w.client.vectorStores.update(store.id, { name: "b", metadata: { k: "v" }, expires_after: null });
    expectSchema("VectorStoreObject", next);
    expect(next).toMatchObject({ name: "b", metadata: { k: "v" }, expires_at: null });
    expect(next.expires_after).toBeUndefined();
  });

  it("cancelling a batch marks its unfinished files cancelled", async () => {
    const w = filesWorker();
    const big = Array.from({ length: 100 }, () => DOCUMENT).join("\n\n");
    const file = await w.client.files.create({ file: await textFile("big.txt", big), purpose: "assistants" });
    const store = await w.client.vectorStores.create({});
    const batch = await w.client.vectorStores.fileBatches.create(store.id, { file_ids: [file.id] });
    expect(batch.status).toBe("in_progress");
    const cancelled = await w.client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id });
    expectSchema("VectorStoreFileBatchObject", cancelled);
    expect(cancelled).toMatchObject({ status: "cancelled", file_counts: { cancelled: 1, in_progress: 0, total: 1 } });
    await w.settle();
    expect((await w.client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id })).status).toBe("cancelled");
    expect((await w.client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id })).status).toBe("cancelled");
  });
});
