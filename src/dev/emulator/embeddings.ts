/**
 * Emulated text embeddings in the Workers AI shape `{shape, data, pooling?}`: each vector is
 * the sum of its words' vectors (each derived from a hash of the lower-cased word: FNV-1a
 * seeding a PRNG), unit length, with the model's catalogued dimensions. The same text always
 * embeds the same, different texts differ, and texts sharing words are close, so vector store
 * search finds the chunk that mentions what a query asks about, offline.
 * Enforces the 100-texts-per-call limit, so callers must batch as on Workers AI.
 */
import { mulberry32 } from "../prng";
import { type EmbeddingModelInfo, findSurfaceModel } from "../../ai/registry/surface-catalog";

const MAX_TEXTS = 100;
const FALLBACK_DIMENSIONS = 768;

export function emulateEmbeddings(model: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const texts = typeof inputs.text === "string" ? [inputs.text] : inputs.text;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((t): t is string => typeof t === "string")) {
    throw new Error("5006: emulated input validation: `text` must be a string or a non-empty array of strings");
  }
  if (texts.length > MAX_TEXTS) throw new Error(`5006: emulated input validation: at most ${MAX_TEXTS} texts per request`);
  const info = findSurfaceModel(model) as EmbeddingModelInfo | undefined;
  const dimensions = info?.dimensions ?? FALLBACK_DIMENSIONS;
  const out: Record<string, unknown> = { shape: [texts.length, dimensions], data: texts.map((t) => hashVector(t, dimensions)) };
  if (info?.pooling) out.pooling = inputs.pooling === "cls" ? "cls" : "mean";
  return out;
}

/** Word vectors kept between calls (the emulator embeds the same words again and again). */
const wordVectors = new Map<string, Float64Array>();
const MAX_CACHED_WORDS = 20_000;

/** A deterministic unit vector for `text`: its words' vectors summed (the whole text's, when it has no words). */
export function hashVector(text: string, dimensions: number): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  const sum = new Float64Array(dimensions);
  for (const word of words) {
    const v = wordVector(word, dimensions);
    for (let d = 0; d < dimensions; d++) sum[d] = (sum[d] as number) + (v[d] as number);
  }
  const norm = Math.hypot(...sum) || 1;
  return Array.from(sum, (v) => v / norm);
}

function wordVector(word: string, dimensions: number): Float64Array {
  const key = `${dimensions}:${word}`;
  let v = wordVectors.get(key);
  if (!v) {
    let seed = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(word)) seed = Math.imul(seed ^ byte, 0x01000193);
    const random = mulberry32(seed >>> 0);
    v = Float64Array.from({ length: dimensions }, () => random() * 2 - 1);
    if (wordVectors.size >= MAX_CACHED_WORDS) wordVectors.clear();
    wordVectors.set(key, v);
  }
  return v;
}
