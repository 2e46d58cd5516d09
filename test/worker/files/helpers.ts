/** Shared setup for the Files and vector stores tests: a Worker on the emulator with KV pacing off, and documents to search. */
import { toFile } from "openai";
import type { VectorStoreFile } from "openai/resources/vector-stores/files";
import type { AiRunner } from "../../../src/ai/types";
import { testWorker, type TestWorker } from "../../helpers/worker";

export function filesWorker(options: { ai?: AiRunner; vars?: Record<string, unknown> } = {}): TestWorker {
  return testWorker({ ...(options.ai ? { ai: options.ai } : {}), vars: { KV_WRITE_SPACING_MS: "0", ...options.vars } });
}

/** Paragraphs on unrelated topics, each long enough to be its own 100-token chunk. */
export const TOPICS = {
  lighthouse:
    "The lighthouse keeper climbed the spiral stairs of the lighthouse every evening at dusk to light the great lamp. " +
    "Ships passing the rocky headland relied on the lighthouse beam, and the keeper logged every vessel in a leather book. " +
    "Storms battered the lighthouse tower, yet the keeper never let the lamp go dark in forty years of service on the coast.",
  sourdough:
    "Sourdough bread needs a lively starter made of flour and water, fed daily until it bubbles and smells pleasantly sour. " +
    "The baker mixes the starter into the dough, folds it gently over several hours, and shapes the sourdough loaf by hand. " +
    "Baked in a hot cast iron pot, the sourdough crust turns deep brown and crackles as the bread cools on the rack.",
  volcano:
    "A volcano erupts when magma rises through cracks in the crust and pressure from trapped gases becomes too great. " +
    "Lava flows down the slopes of the volcano while ash clouds drift for hundreds of kilometres across the sky. " +
    "Scientists monitor the volcano with seismometers, measuring tremors that warn of an eruption days in advance.",
};

export const DOCUMENT = Object.values(TOPICS).join("\n\n");

/** Chunks of about one paragraph each. */
export const SMALL_CHUNKS = { type: "static", static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } } as const;

export function textFile(name: string, text: string) {
  return toFile(new TextEncoder().encode(text), name, { type: "text/plain" });
}

/**
 * A vector store holding one file per topic (`lighthouse.txt`, …), each uploaded with
 * `vectorStores.files.uploadAndPoll`, so the best result (and the cited file) says whether
 * retrieval found the right one. `file` is the lighthouse's.
 */
export async function topicStore(w: TestWorker) {
  const store = await w.client.vectorStores.create({ name: "docs" });
  const files: Record<string, VectorStoreFile> = {};
  for (const [topic, text] of Object.entries(TOPICS)) {
    files[topic] = await w.client.vectorStores.files.uploadAndPoll(store.id, await textFile(`${topic}.txt`, text), { pollIntervalMs: 5 });
  }
  return { store, files, file: files.lighthouse as VectorStoreFile };
}
