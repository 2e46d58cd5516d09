/**
 * What the vector store services need, as plain values: the repositories, an embedder bound to
 * the provider layer, the document converter, an optional Vectorize index and a way to run work
 * after the response. Handlers build these from the request's context (api/vector-stores/deps.ts);
 * tests and other services (file_search in runs and responses) can build their own.
 */
import type { Stores } from "../store";
import type { MarkdownConverter } from "./extract-text";

/** Embeds texts through the provider layer. */
export interface Embedder {
  /** The backend embedding model new chunks are embedded with. */
  model: string;
  /** One vector per text, with `model` (a pack's own model, so queries match what was indexed). */
  embed(model: string, texts: readonly string[]): Promise<number[][]>;
}

/** The part of Cloudflare's Vectorize binding this code uses (developers.cloudflare.com/vectorize/reference/client-api/). */
export interface VectorIndex {
  upsert(vectors: { id: string; values: number[]; namespace?: string; metadata?: Record<string, string> }[]): Promise<unknown>;
  query(
    vector: number[],
    options: { topK: number; namespace?: string; returnValues?: boolean; returnMetadata?: "none" | "indexed" | "all" },
  ): Promise<{ matches: { id: string; score: number }[] }>;
  deleteByIds(ids: string[]): Promise<unknown>;
}

/** What searching needs. */
export interface SearchDeps {
  stores: Stores;
  embedder: Embedder;
  /** When bound, chunks also live in Vectorize and queries go there. */
  vectorIndex?: VectorIndex;
}

/** What attaching and indexing files needs. */
export interface IndexDeps extends SearchDeps {
  toMarkdown: MarkdownConverter;
  /** Keeps `task` running after the response is sent (`ctx.waitUntil`). */
  background(task: Promise<unknown>): void;
}
