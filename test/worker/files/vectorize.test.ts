/**
 * With a VECTORIZE binding, indexed chunks are also upserted there (one namespace per store,
 * ids derived from store, file and chunk), searches query it and read only the packs of files
 * with hits, and detaching deletes the file's vectors by id. Against a fake binding (test/helpers/fake-vectorize.ts).
 */
import { describe, expect, it } from "vitest";
import { fakeVectorize } from "../../helpers/fake-vectorize";
import { SMALL_CHUNKS, TOPICS, filesWorker, textFile } from "./helpers";

describe("Vectorize", () => {
  it("upserts on index, queries on search, deletes on detach", async () => {
    const index = fakeVectorize();
    const w = filesWorker({ vars: { VECTORIZE: index } });
    const a = await w.client.files.create({ file: await textFile("a.txt", TOPICS.lighthouse), purpose: "assistants" });
    const b = await w.client.files.create({ file: await textFile("b.txt", TOPICS.volcano), purpose: "assistants" });
    const store = await w.client.vectorStores.create({ file_ids: [a.id, b.id], chunking_strategy: SMALL_CHUNKS });
    const ids = [...index.vectors.keys()];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => id.startsWith(`${store.id.slice(3)}.`) && id.length <= 64)).toBe(true);
    expect([...index.vectors.values()].every((v) => v.namespace === store.id)).toBe(true);

    index.calls.length = 0;
    w.kv.reset();
    const page = await w.client.vectorStores.search(store.id, { query: "volcano magma", max_num_results: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({ file_id: b.id, filename: "b.txt" });
    expect(page.data[0]?.content[0]?.text).toContain("volcano");
    expect(index.calls).toEqual([{ method: "query", count: 2, namespace: store.id }]);
    // 1 store read + 1 list, and only the file with the hit is read.
    expect(w.kv.take()).toEqual({ reads: 2, writes: 0, deletes: 0, lists: 1 });

    await w.client.vectorStores.files.delete(b.id, { vector_store_id: store.id });
    expect([...index.vectors.keys()].some((id) => id.includes(b.id.slice(5)))).toBe(false);
    expect([...index.vectors.keys()].some((id) => id.includes(a.id.slice(5)))).toBe(true);
    expect((await w.client.vectorStores.search(store.id, { query: "volcano magma" })).data.every((r) => r.file_id === a.id)).toBe(true);
  });

  it("filters apply to Vectorize hits by the files' attributes", async () => {
    const index = fakeVectorize();
    const w = filesWorker({ vars: { VECTORIZE: index } });
    const store = await w.client.vectorStores.create({});
    const a = await w.client.files.create({ file: await textFile("a.txt", TOPICS.lighthouse), purpose: "assistants" });
    const b = await w.client.files.create({ file: await textFile("b.txt", TOPICS.sourdough), purpose: "assistants" });
    await w.client.vectorStores.files.create(store.id, { file_id: a.id, attributes: { kind: "sea" } });
    await w.client.vectorStores.files.create(store.id, { file_id: b.id, attributes: { kind: "food" } });
    const page = await w.client.vectorStores.search(store.id, { query: "lighthouse", filters: { type: "eq", key: "kind", value: "food" } });
    expect(page.data.map((r) => r.file_id)).toEqual([b.id]);
  });
});
