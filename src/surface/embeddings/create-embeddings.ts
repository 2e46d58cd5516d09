/**
 * The embeddings service: refuse what the resolved model cannot truthfully do (token input,
 * a `dimensions` it was not trained for), embed through the response cache (embeddings are
 * deterministic, so CACHE_MODE=deterministic caches every request), then shorten Matryoshka
 * vectors and encode them as OpenAI does. Vectors are float32 from the moment they arrive (as
 * OpenAI's are): a cache hit and a miss give the same values, and `float` and `base64` agree.
 */
import type { EmbeddingsProvider } from "../../ai/providers/types";
import type { ResolvedModel } from "../../ai/registry/resolve-model";
import type { EmbeddingModelInfo } from "../../ai/registry/surface-catalog";
import type { CacheSession, CacheSpec } from "../../cache/open-cache";
import { invalidParam } from "../../http/errors";
import { estimateTokens } from "../../util/estimate-tokens";
import { isPackedVectors, type PackedVectors, packVectors, storedPackedVectors, toFloat32Vectors, unpackVectors } from "./packed-vectors";
import type { EmbeddingsRequest } from "./parse-embeddings-request";

/** One embedding: its float32 values, written as JSON numbers or base64 by `renderEmbeddingsResponse`. */
export interface EmbeddingObject {
  object: "embedding";
  index: number;
  embedding: Float32Array;
}

export interface EmbeddingsResponse {
  object: "list";
  data: EmbeddingObject[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface EmbeddingsResult {
  body: EmbeddingsResponse;
  /** How `embedding` goes on the wire. */
  encoding: "float" | "base64";
  headers: Record<string, string>;
}

/** Opens the response cache for this request (the handler binds the request and its context). */
export type OpenCache = <T>(spec: CacheSpec<T>) => Promise<CacheSession<T>>;

export async function createEmbeddings(
  parsed: EmbeddingsRequest,
  model: ResolvedModel<"embedding">,
  provider: EmbeddingsProvider,
  openCache: OpenCache,
): Promise<EmbeddingsResult> {
  if (parsed.input.kind === "tokens") {
    throw invalidParam(
      "input",
      `The model \`${model.requested}\` (${model.model}) takes text, not token arrays: Workers AI embedding models do not use OpenAI's tokenizer. Send the input as a string or an array of strings.`,
      "unsupported_input_type",
    );
  }
  const texts = parsed.input.texts;
  const keep = checkDimensions(model, parsed.dimensions);

  const cache = await openCache({
    kind: "embeddings",
    keyParts: { endpoint: "embeddings", model: model.model, pooling: model.info?.pooling ?? null, texts },
    deterministic: true,
    accept: (value): value is PackedVectors => isPackedVectors(value, texts.length),
    toStored: storedPackedVectors,
  });
  let vectors = cache.hit && unpackVectors(cache.hit.value);
  if (!vectors) {
    vectors = toFloat32Vectors(await provider.embed(model, texts));
    const packed = cache.willStore ? packVectors(vectors) : undefined;
    if (packed) cache.save(packed);
  }

  const promptTokens = texts.reduce((sum, t) => sum + estimateTokens(t), 0);
  const data = vectors.map((v, index): EmbeddingObject => {
    return { object: "embedding", index, embedding: keep === undefined ? v : shorten(v, keep) };
  });
  return {
    body: { object: "list", data, model: model.requested, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } },
    encoding: parsed.encoding,
    headers: { ...cache.headers, "x-workers-ai-model": model.model },
  };
}

/** The length to cut vectors to, or undefined to keep them whole; a 400 when `dimensions` would not be truthful. */
function checkDimensions(model: ResolvedModel<"embedding">, dimensions: number | undefined): number | undefined {
  if (dimensions === undefined) return undefined;
  const info = model.info;
  if (!info) {
    throw invalidParam(
      "dimensions",
      `'dimensions' cannot be honoured for the uncatalogued model \`${model.model}\`: its native size and Matryoshka support are unknown.`,
      "unsupported_parameter",
    );
  }
  if (dimensions === info.dimensions) return undefined;
  if (supportsLength(info, dimensions)) return dimensions;
  throw invalidParam(
    "dimensions",
    `The model \`${model.requested}\` (${info.id}) produces ${info.dimensions}-dimensional embeddings${describeMatryoshka(info)}; ${dimensions} is not supported.`,
    "unsupported_value",
  );
}

function supportsLength(info: EmbeddingModelInfo, n: number): boolean {
  const m = info.matryoshka;
  if (!m) return false;
  return "min" in m ? n >= m.min && n <= m.max : m.includes(n);
}

function describeMatryoshka(info: EmbeddingModelInfo): string {
  const m = info.matryoshka;
  if (!m) return " and was not trained to be shortened";
  return "min" in m ? ` and can be shortened to any length from ${m.min} to ${m.max}` : ` and can be shortened to ${m.join(", ")}`;
}

/** The first `n` values, re-normalised to unit length (how Matryoshka embeddings are shortened). */
export function shorten(vector: Float32Array, n: number): Float32Array {
  const head = vector.slice(0, n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (head[i] as number) ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < n; i++) head[i] = (head[i] as number) / norm;
  return head;
}
