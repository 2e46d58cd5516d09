/**
 * Indexing one file into one vector store: its bytes (as uploaded) → text → chunks → one
 * embedding call per 100 chunks through the provider layer → one packed KV value (and, with a
 * Vectorize binding, the same vectors upserted there). Never throws: every failure becomes the
 * file's `failed` status with a `last_error`, as OpenAI reports it.
 */
import { OpenAIError } from "../http/errors";
import type { ChunkPack } from "../store/chunk-pack";
import type { VectorStoreFileRecord } from "../store/vector-store-files-repo";
import type { FileError, StaticChunking } from "../wire/files";
import { chunkSpans } from "./chunking";
import type { IndexDeps } from "./deps";
import { extractText } from "./extract-text";
import { upsertChunks } from "./vectorize";

/** Chunks one file may have: 20 embedding calls of 100, and a pack well inside KV's 25 MiB value limit. */
export const MAX_CHUNKS_PER_FILE = 2000;

/** The record after indexing: `completed` with its chunk count and usage, or `failed` with why. */
export async function indexFile(deps: IndexDeps, record: VectorStoreFileRecord, strategy: StaticChunking): Promise<VectorStoreFileRecord> {
  const { id: fileId, vector_store_id: vectorStoreId } = record.file;
  try {
    const content = await deps.stores.files.content(fileId);
    if (!content) return failed(record, { code: "invalid_file", message: `The file '${fileId}' was deleted before it was indexed.` });
    const extraction = await extractText(record.filename, new Uint8Array(content.bytes), deps.toMarkdown);
    if ("error" in extraction) return failed(record, extraction.error);
    const spans = chunkSpans(extraction.text, strategy);
    if (spans.length === 0) return failed(record, { code: "invalid_file", message: `The file '${record.filename}' contains no text.` });
    if (spans.length > MAX_CHUNKS_PER_FILE) {
      return failed(record, {
        code: "invalid_file",
        message: `The file '${record.filename}' makes ${spans.length} chunks; ai-forwarder indexes at most ${MAX_CHUNKS_PER_FILE} per file (use larger chunks or split the file).`,
      });
    }
    const texts = spans.map(([start, end]) => extraction.text.slice(start, end));
    const model = deps.embedder.model;
    const raw = await deps.embedder.embed(model, texts);
    const dimensions = raw[0]?.length ?? 0;
    const vectors = new Float32Array(spans.length * dimensions);
    raw.forEach((v, i) => {
      vectors.set(normalize(v), i * dimensions);
    });
    const pack: ChunkPack = { model, dimensions, filename: record.filename, text: extraction.text, spans, vectors };
    await deps.stores.vectorStoreFiles.putChunks(vectorStoreId, fileId, pack);
    if (deps.vectorIndex) await upsertChunks(deps.vectorIndex, vectorStoreId, fileId, vectors, dimensions);
    const usage = new TextEncoder().encode(extraction.text).byteLength + vectors.byteLength;
    return { ...record, chunks: spans.length, file: { ...record.file, status: "completed", last_error: null, usage_bytes: usage } };
  } catch (err) {
    const message = err instanceof OpenAIError || err instanceof Error ? err.message : String(err);
    return failed(record, { code: "server_error", message: `Indexing failed: ${message}` });
  }
}

function failed(record: VectorStoreFileRecord, error: FileError): VectorStoreFileRecord {
  return { ...record, chunks: 0, file: { ...record.file, status: "failed", last_error: error, usage_bytes: 0 } };
}

/** `v` scaled to unit length, so a dot product is the cosine. */
export function normalize(v: readonly number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  return norm > 0 ? v.map((x) => x / norm) : [...v];
}
