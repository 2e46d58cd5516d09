/**
 * Embeddings on Workers AI: texts are sent in batches within the model's per-call limit (100
 * texts, and a character budget so one call's body stays small), a few calls at a time, and
 * the vectors come back in input order. The output shapes handled are `{shape, data,
 * pooling?}` (bge, embeddinggemma, qwen3, plamo) and `{response: number[][]}` (bge-m3's
 * contexts form); anything else is a 502, never a silently short answer.
 */
import { OpenAIError } from "../../../http/errors";
import { mapConcurrent } from "../../../util/map-concurrent";
import type { ResolvedModel } from "../../registry/resolve-model";
import type { AiRunner } from "../../types";
import { mapWorkersAiError } from "./error-table";

/** Texts per call when the model is uncatalogued (the documented bge limit). */
const DEFAULT_MAX_BATCH = 100;
/** Characters per call: about 100k tokens' worth at most, far below Workers AI's request size limit. */
const MAX_BATCH_CHARS = 400_000;
/** Calls in flight at once (a Worker may keep six connections open). */
const CONCURRENCY = 4;

export async function runEmbeddings(ai: AiRunner, model: ResolvedModel<"embedding">, texts: readonly string[]): Promise<number[][]> {
  const batches = toBatches(texts, model.info?.maxBatch ?? DEFAULT_MAX_BATCH);
  const results = await mapConcurrent(batches, CONCURRENCY, (batch) => runBatch(ai, model, batch));
  return results.flat();
}

/** Consecutive slices of `texts`, each within the count and character limits (a long text alone is its own batch). */
export function toBatches(texts: readonly string[], maxBatch: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (current.length > 0 && (current.length >= maxBatch || chars + text.length > MAX_BATCH_CHARS)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(text);
    chars += text.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

async function runBatch(ai: AiRunner, model: ResolvedModel<"embedding">, texts: string[]): Promise<number[][]> {
  const inputs: Record<string, unknown> = { text: texts };
  if (model.info?.pooling) inputs.pooling = model.info.pooling;
  let output: unknown;
  try {
    output = await ai.run(model.model, inputs);
  } catch (err) {
    throw mapWorkersAiError(err, { model: model.model });
  }
  const vectors = readVectors(output);
  if (!vectors || vectors.length !== texts.length) {
    throw new OpenAIError(
      502,
      `Workers AI returned ${vectors ? `${vectors.length} embeddings for ${texts.length} texts` : "no embeddings"} (model ${model.model}).`,
      {
        type: "server_error",
        code: "upstream_error",
      },
    );
  }
  return vectors;
}

function readVectors(output: unknown): number[][] | undefined {
  if (!output || typeof output !== "object") return undefined;
  const o = output as Record<string, unknown>;
  const data = Array.isArray(o.data) ? o.data : Array.isArray(o.response) ? o.response : undefined;
  if (!data) return undefined;
  for (const v of data) if (!isFiniteNumbers(v)) return undefined;
  return data as number[][];
}

/**
 * Whether `v` is an array of finite numbers. A plain loop, and `x - x === 0` (false for NaN and
 * ±Infinity) rather than `Number.isFinite`, which V8 gave each value boxed: ~1 MB of garbage
 * and ~0.4 ms for 100 × 768 values (a callback per value, as `every` makes, cost as much).
 */
function isFiniteNumbers(v: unknown): v is number[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== "number" || x - x !== 0) return false;
  }
  return true;
}
