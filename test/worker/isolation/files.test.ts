/**
 * Files (and their bytes), vector stores, their files, file batches and searches belong to the
 * project of the key that created them: another project's key gets what an unknown id gets,
 * cannot attach another project's file to its own store, cannot search another project's store
 * (directly, with file_search in Responses, or as an assistant's tool resource) — with or
 * without a Vectorize index — and never sees them in a list.
 */
import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { fakeVectorize } from "../../helpers/fake-vectorize";
import { SMALL_CHUNKS, TOPICS, textFile } from "../files/helpers";
import { expectLikeUnknown, expectNotFound, twoProjects } from "./helpers";

async function upload(client: OpenAI, name: string, text: string) {
  return client.files.create({ file: await textFile(name, text), purpose: "assistants" });
}

describe("files across projects", () => {
  it("retrieve, content and delete are 404; lists show only one's own", async () => {
    const { a, b } = await twoProjects();
    const file = await upload(a, "alpha.txt", TOPICS.lighthouse);
    const own = await upload(b, "beta.txt", TOPICS.volcano);

    await expectNotFound((id) => b.files.retrieve(id), file.id);
    await expectNotFound((id) => b.files.content(id), file.id);
    await expectNotFound((id) => b.files.delete(id), file.id);
    expect((await b.files.list()).data.map((f) => f.id)).toEqual([own.id]);
    expect((await a.files.list()).data.map((f) => f.id)).toEqual([file.id]);
    expect(await (await a.files.content(file.id)).text()).toBe(TOPICS.lighthouse);
  });
});

describe("vector stores across projects", () => {
  it("the store, its files, batches and search are 404 for the other project; lists show only one's own", async () => {
    const { a, b } = await twoProjects();
    const file = await upload(a, "alpha.txt", TOPICS.lighthouse);
    const store = await a.vectorStores.create({ name: "alpha's", file_ids: [file.id], chunking_strategy: SMALL_CHUNKS });
    const batch = await a.vectorStores.fileBatches.createAndPoll(store.id, { file_ids: [file.id] }, { pollIntervalMs: 5 });
    const ownFile = await upload(b, "beta.txt", TOPICS.volcano);
    const ownStore = await b.vectorStores.create({ name: "beta's" });

    await expectNotFound((id) => b.vectorStores.retrieve(id), store.id);
    await expectNotFound((id) => b.vectorStores.update(id, { name: "taken" }), store.id);
    await expectNotFound((id) => b.vectorStores.delete(id), store.id);
    await expectNotFound((id) => b.vectorStores.search(id, { query: "lighthouse" }), store.id);
    await expectNotFound((id) => b.vectorStores.files.list(id), store.id);
    await expectNotFound((id) => b.vectorStores.files.create(id, { file_id: ownFile.id }), store.id);
    await expectNotFound((id) => b.vectorStores.files.retrieve(file.id, { vector_store_id: id }), store.id);
    await expectNotFound((id) => b.vectorStores.files.update(file.id, { vector_store_id: id, attributes: { k: "v" } }), store.id);
    await expectNotFound((id) => b.vectorStores.files.delete(file.id, { vector_store_id: id }), store.id);
    await expectNotFound((id) => b.vectorStores.files.content(file.id, { vector_store_id: id }), store.id);
    await expectNotFound((id) => b.vectorStores.fileBatches.create(id, { file_ids: [ownFile.id] }), store.id);
    await expectNotFound((id) => b.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: id }), store.id);
    await expectNotFound((id) => b.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: id }), store.id);
    await expectNotFound((id) => b.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: id }), store.id);
    // Another project's file cannot be put in one's own store, by any route.
    await expectLikeUnknown((id) => b.vectorStores.files.create(ownStore.id, { file_id: id }), file.id);
    await expectLikeUnknown((id) => b.vectorStores.fileBatches.create(ownStore.id, { file_ids: [id] }), file.id);
    await expectLikeUnknown((id) => b.vectorStores.create({ file_ids: [id] }), file.id);
    expect((await b.vectorStores.list()).data.map((s) => s.id)).toEqual([ownStore.id]);

    const hits = (await a.vectorStores.search(store.id, { query: "lighthouse keeper" })).data;
    expect(hits[0]?.file_id).toBe(file.id);
    expect((await a.vectorStores.files.list(store.id)).data.map((f) => f.id)).toEqual([file.id]);
  });

  it("file_search cannot name another project's store: Responses and assistants' tool resources", async () => {
    const { a, b } = await twoProjects();
    const file = await upload(a, "alpha.txt", TOPICS.lighthouse);
    const store = await a.vectorStores.create({ file_ids: [file.id], chunking_strategy: SMALL_CHUNKS });
    const tool = (id: string) => [{ type: "file_search" as const, vector_store_ids: [id] }];

    await expectLikeUnknown((id) => b.responses.create({ model: "gpt-4o", input: "Who climbs the stairs?", tools: tool(id) }), store.id);
    const resources = (id: string) => ({ file_search: { vector_store_ids: [id] } });
    await expectLikeUnknown(
      (id) => b.beta.assistants.create({ model: "gpt-4o", tools: tool(id), tool_resources: resources(id) }),
      store.id,
    );
    await expectLikeUnknown((id) => b.beta.threads.create({ tool_resources: resources(id) }), store.id);

    const own = await a.responses.create({ model: "gpt-4o", input: "Who climbs the stairs?", tools: tool(store.id) });
    expect(own.output[0]?.type).toBe("file_search_call");
  });

  it("with a Vectorize index: the other project's search never reaches the index", async () => {
    const index = fakeVectorize();
    const { a, b } = await twoProjects({ vars: { VECTORIZE: index as unknown as Vectorize } });
    const file = await upload(a, "alpha.txt", TOPICS.lighthouse);
    const store = await a.vectorStores.create({ file_ids: [file.id], chunking_strategy: SMALL_CHUNKS });
    expect(index.vectors.size).toBeGreaterThan(0);
    index.calls.length = 0;

    await expectNotFound((id) => b.vectorStores.search(id, { query: "lighthouse" }), store.id);
    await expectLikeUnknown(
      (id) => b.responses.create({ model: "gpt-4o", input: "lighthouse", tools: [{ type: "file_search", vector_store_ids: [id] }] }),
      store.id,
    );
    expect(index.calls).toEqual([]);
    expect((await a.vectorStores.search(store.id, { query: "lighthouse keeper" })).data[0]?.file_id).toBe(file.id);
  });
});
