/**
 * The vector store services' dependencies for a request: the repositories, the file_search
 * embedding model through the provider layer, Workers AI's Markdown conversion, the optional
 * VECTORIZE binding and `waitUntil`. Exported for every handler that searches (file_search).
 */
import { providerFor } from "../../ai/providers/provider-for";
import { convertToMarkdown } from "../../ai/providers/workers-ai/to-markdown";
import { resolveModel } from "../../ai/registry/resolve-model";
import type { Embedder, IndexDeps } from "../../vector-stores/deps";
import type { AppContext } from "../context";
import { storesOf } from "../assistants/stores";

/**
 * The model vector stores embed with: OpenAI's name, so EMBEDDING_MODEL / MODEL_ALIASES can
 * move it (chunks remember their model, and queries are embedded to match).
 */
export const FILE_SEARCH_EMBEDDING_MODEL = "text-embedding-3-small";

export function vectorStoreDepsOf(ctx: AppContext): IndexDeps {
  return {
    stores: storesOf(ctx),
    embedder: embedderOf(ctx),
    toMarkdown: (name, bytes) => convertToMarkdown(ctx.env, name, bytes),
    ...(ctx.env.VECTORIZE ? { vectorIndex: ctx.env.VECTORIZE } : {}),
    background: (task) =>
      ctx.exec.waitUntil(
        task.catch((err: unknown) => console.error("vector store indexing failed", err instanceof Error ? err.message : err)),
      ),
  };
}

function embedderOf(ctx: AppContext): Embedder {
  const current = resolveModel(FILE_SEARCH_EMBEDDING_MODEL, "embedding", ctx.config);
  return {
    model: current.model,
    embed(model, texts) {
      const resolved = model === current.model ? current : resolveModel(model, "embedding", ctx.config);
      return providerFor(resolved, ctx.env, ctx.config).embed(resolved, texts);
    },
  };
}
