/**
 * KV operations per Files / vector stores request, asserted against the numbers the README
 * states. Indexing a file costs the same few writes however many chunks it makes (all chunks
 * are one packed value), and a search reads one value per file, not per chunk.
 */
import { describe, expect, it } from "vitest";
import { DOCUMENT, SMALL_CHUNKS, filesWorker, textFile } from "./helpers";

describe("KV operations", () => {
  it("an upload: 2 writes; retrieve: 1 read; content: 1 read; list: 1 list", async () => {
    const w = filesWorker();
    w.kv.reset();
    const file = await w.client.files.create({ file: await textFile("a.txt", "abc"), purpose: "assistants" });
    expect(w.kv.take()).toEqual({ reads: 0, writes: 2, deletes: 0, lists: 0 });
    await w.client.files.retrieve(file.id);
    expect(w.kv.take()).toEqual({ reads: 1, writes: 0, deletes: 0, lists: 0 });
    await (await w.client.files.content(file.id)).text();
    expect(w.kv.take()).toEqual({ reads: 1, writes: 0, deletes: 0, lists: 0 });
    await w.client.files.list();
    expect(w.kv.take()).toEqual({ reads: 0, writes: 0, deletes: 0, lists: 1 });
  });

  it("attaching a small text file: 3 reads, 3 writes — for 3 chunks or 30", async () => {
    for (const copies of [1, 10]) {
      const w = filesWorker();
      const file = await w.client.files.create({
        file: await textFile("d.txt", Array(copies).fill(DOCUMENT).join("\n")),
        purpose: "assistants",
      });
      const store = await w.client.vectorStores.create({});
      w.kv.reset();
      const attached = await w.client.vectorStores.files.create(store.id, { file_id: file.id, chunking_strategy: SMALL_CHUNKS });
      expect(attached.status).toBe("completed");
      expect(new Set(w.kv.writtenKeys).size).toBe(w.kv.writtenKeys.length);
      expect(w.kv.take()).toEqual({ reads: 3, writes: 3, deletes: 0, lists: 0 });
    }
  });

  it("a file indexed in waitUntil: 2 writes before the response, 2 reads and 2 writes after", async () => {
    const w = filesWorker();
    const file = await w.client.files.create({
      file: await textFile("big.txt", Array(100).fill(DOCUMENT).join("\n")),
      purpose: "assistants",
    });
    const store = await w.client.vectorStores.create({});
    w.kv.reset();
    await w.client.vectorStores.files.create(store.id, { file_id: file.id });
    await w.settle();
    expect(w.kv.take()).toEqual({ reads: 4, writes: 4, deletes: 0, lists: 0 });
  });

  it("a search: 1 read and 1 list per store, plus 1 read per file", async () => {
    const w = filesWorker();
    const files = [];
    for (const name of ["a.txt", "b.txt"])
      files.push(await w.client.files.create({ file: await textFile(name, DOCUMENT), purpose: "assistants" }));
    const store = await w.client.vectorStores.create({ file_ids: files.map((f) => f.id), chunking_strategy: SMALL_CHUNKS });
    w.kv.reset();
    await w.client.vectorStores.search(store.id, { query: "lighthouse" });
    expect(w.kv.take()).toEqual({ reads: 3, writes: 0, deletes: 0, lists: 1 });
  });

  it("retrieving a vector store: 1 read and 1 list", async () => {
    const w = filesWorker();
    const store = await w.client.vectorStores.create({});
    w.kv.reset();
    await w.client.vectorStores.retrieve(store.id);
    expect(w.kv.take()).toEqual({ reads: 1, writes: 0, deletes: 0, lists: 1 });
  });

  it("detaching a file: 1 read, 3 deletes; deleting a file in two stores: 3 reads, 1 list, 8 deletes", async () => {
    const w = filesWorker();
    const file = await w.client.files.create({ file: await textFile("d.txt", DOCUMENT), purpose: "assistants" });
    const s1 = await w.client.vectorStores.create({ file_ids: [file.id] });
    const s2 = await w.client.vectorStores.create({ file_ids: [file.id] });
    w.kv.reset();
    await w.client.vectorStores.files.delete(file.id, { vector_store_id: s1.id });
    expect(w.kv.take()).toEqual({ reads: 1, writes: 0, deletes: 3, lists: 0 });
    await w.client.vectorStores.files.create(s1.id, { file_id: file.id });
    w.kv.reset();
    await w.client.files.delete(file.id);
    expect(w.kv.take()).toEqual({ reads: 3, writes: 0, deletes: 8, lists: 1 });
    expect((await w.client.vectorStores.retrieve(s2.id)).file_counts.total).toBe(0);
  });
});
