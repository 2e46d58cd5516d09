/**
 * The `tool_resources` of assistants and threads: checking that the files and vector stores
 * they name exist (a 404 otherwise, before anything is written), running the `vector_stores`
 * helper (which creates a store from `file_ids`), and which stores a run searches: the
 * assistant's and the thread's together, as on OpenAI.
 * KV: 1 read per file or store named; a helper store costs what `POST /v1/vector_stores` costs.
 */
import type { StaticChunking } from "../wire/files";
import type { IndexDeps } from "../vector-stores/deps";
import { createVectorStore } from "../vector-stores/create-store";
import { notFound } from "../vector-stores/not-found";
import type { AssistantTool, Metadata, ToolResources } from "../wire/assistants";

/** `tool_resources` as a request gives them, before the helper stores exist. */
export interface RequestedToolResources {
  codeInterpreterFileIds?: string[];
  vectorStoreIds?: string[];
  newVectorStores?: { fileIds: string[]; chunking: StaticChunking; metadata: Metadata }[];
}

/** Checks and creates what `requested` names; `param` is its body path (for 404s). */
export async function resolveToolResources(
  deps: IndexDeps,
  requested: RequestedToolResources,
  param = "tool_resources",
): Promise<ToolResources> {
  const out: ToolResources = {};
  const fileIds = requested.codeInterpreterFileIds;
  const storeIds = requested.vectorStoreIds;
  const [files, stores] = await Promise.all([
    Promise.all((fileIds ?? []).map((id) => deps.stores.files.get(id))),
    Promise.all((storeIds ?? []).map((id) => deps.stores.vectorStores.get(id))),
  ]);
  files.forEach((f, i) => {
    if (!f) throw notFound("file", fileIds?.[i] as string, `${param}.code_interpreter.file_ids`);
  });
  stores.forEach((s, i) => {
    if (!s) throw notFound("vector store", storeIds?.[i] as string, `${param}.file_search.vector_store_ids`);
  });
  if (fileIds) out.code_interpreter = { file_ids: fileIds };
  if (storeIds) out.file_search = { vector_store_ids: storeIds };
  if (requested.newVectorStores) {
    const created = [];
    for (const [i, helper] of requested.newVectorStores.entries()) {
      const path = `${param}.file_search.vector_stores[${i}].file_ids`;
      created.push((await createVectorStore(deps, { name: undefined, ...helper }, path)).record.id);
    }
    out.file_search = { vector_store_ids: created };
  }
  return out;
}

/** The stores a run searches: none unless its tools include file_search. */
export function runVectorStoreIds(tools: readonly AssistantTool[], ...resources: (ToolResources | null)[]): string[] {
  if (!tools.some((t) => t.type === "file_search")) return [];
  return [...new Set(resources.flatMap((r) => r?.file_search?.vector_store_ids ?? []))];
}
