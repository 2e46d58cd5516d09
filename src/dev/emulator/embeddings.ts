/**
 * Emulated text embeddings in the Workers AI shape `{shape, data, pooling?}`: each vector is
 * derived from a hash of its text (FNV-1a seeding a PRNG), unit length, with the model's
 * catalogued dimensions. The same text always embeds the same; different texts differ.
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

/** A deterministic unit vector for `text`. */
export function hashVector(text: string, dimensions: number): number[] {
  let seed = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) seed = Math.imul(seed ^ byte, 0x01000193);
  const random = mulberry32(seed >>> 0);
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => v / norm);
}
