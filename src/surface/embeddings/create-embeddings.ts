/**
 * The embeddings service: resolve the model, refuse what it cannot truthfully do (token
 * input, a `dimensions` it was not trained for), embed through the response cache
 * (embeddings are deterministic, so CACHE_MODE=deterministic caches every request), then
 * shorten Matryoshka vectors and encode them as OpenAI does.
 */
import type { IRequest } from "itty-router";
import { getAiRunner } from "../../ai/backend";
import { type ResolvedSurfaceModel, resolveSurfaceModel } from "../../ai/resolve-surface-model";
import type { EmbeddingModelInfo } from "../../ai/surface-catalog";
import { runEmbeddings } from "../../ai/workers-ai/run-embeddings";
import { estimateTokens } from "../../ai/workers-ai/usage";
import { cacheDepsOf, cacheRequestOf } from "../../api/cache-inputs";
import type { AppContext } from "../../api/context";
import { openCache } from "../../cache/open-cache";
import { invalidParam } from "../../http/errors";
import { floatsToBase64 } from "../../util/base64";
import type { EmbeddingsRequest } from "./parse-embeddings-request";

export interface EmbeddingObject {
  object: "embedding";
  index: number;
  embedding: number[] | string;
}

export interface EmbeddingsResponse {
  object: "list";
  data: EmbeddingObject[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface EmbeddingsResult {
  body: EmbeddingsResponse;
  headers: Record<string, string>;
}

export async function createEmbeddings(request: IRequest, ctx: AppContext, parsed: EmbeddingsRequest): Promise<EmbeddingsResult> {
  const model = resolveSurfaceModel("embedding", parsed.model, ctx.config);
  if (parsed.input.kind === "tokens") {
    throw invalidParam(
      "input",
      `The model \`${model.requested}\` (${model.id}) takes text, not token arrays: Workers AI embedding models do not use OpenAI's tokenizer. Send the input as a string or an array of strings.`,
      "unsupported_input_type",
    );
  }
  const texts = parsed.input.texts;
  const keep = checkDimensions(model, parsed.dimensions);

  const cache = await openCache(cacheRequestOf(request as unknown as Request), cacheDepsOf(ctx), {
    kind: "embeddings",
    keyParts: { endpoint: "embeddings", model: model.id, pooling: model.info?.pooling ?? null, texts },
    deterministic: true,
    accept: (value): value is number[][] => isVectors(value, texts.length),
  });
  let vectors = cache.hit?.value;
  if (!vectors) {
    vectors = await runEmbeddings(getAiRunner(ctx.env), model, texts);
    cache.save(vectors);
  }

  const promptTokens = texts.reduce((sum, t) => sum + estimateTokens(t), 0);
  const data = vectors.map((v, index): EmbeddingObject => {
    const shaped = keep === undefined ? v : shorten(v, keep);
    return { object: "embedding", index, embedding: parsed.encoding === "base64" ? floatsToBase64(shaped) : shaped };
  });
  return {
    body: { object: "list", data, model: model.requested, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } },
    headers: { ...cache.headers, "x-workers-ai-model": model.id },
  };
}

/** The length to cut vectors to, or undefined to keep them whole; a 400 when `dimensions` would not be truthful. */
function checkDimensions(model: ResolvedSurfaceModel<"embedding">, dimensions: number | undefined): number | undefined {
  if (dimensions === undefined) return undefined;
  const info = model.info;
  if (!info) {
    throw invalidParam(
      "dimensions",
      `'dimensions' cannot be honoured for the uncatalogued model \`${model.id}\`: its native size and Matryoshka support are unknown.`,
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
export function shorten(vector: readonly number[], n: number): number[] {
  const head = vector.slice(0, n);
  const norm = Math.hypot(...head);
  return norm > 0 ? head.map((v) => v / norm) : head;
}

function isVectors(value: unknown, count: number): value is number[][] {
  return Array.isArray(value) && value.length === count && value.every((v) => Array.isArray(v) && v.every((x) => typeof x === "number"));
}
