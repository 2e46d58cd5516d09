/**
 * Embeddings as the response cache stores them: every vector's values as float64 (exactly the
 * numbers the backend's JSON gave), concatenated and base64-encoded, with the vector count and
 * length. Storing them as JSON numbers meant formatting every number a second time (the
 * response formats them once): for 100 inputs of 768 dimensions that was about 12 ms of CPU,
 * more than the Free plan's whole budget, and the entry was then over the cache's size cap
 * anyway (bench:cpu). Packed, the same 100 vectors cost about a millisecond and fit.
 */
import { base64ToBytes, bytesToBase64 } from "../../util/base64";

export interface PackedVectors {
  count: number;
  dimensions: number;
  /** count × dimensions float64 values, in the host's (little-endian) byte order, base64. */
  float64: string;
}

/** The vectors packed; undefined when they differ in length (nothing to cache then). */
export function packVectors(vectors: readonly number[][]): PackedVectors | undefined {
  const dimensions = vectors[0]?.length ?? 0;
  if (vectors.some((v) => v.length !== dimensions)) return undefined;
  const values = new Float64Array(vectors.length * dimensions);
  for (const [i, v] of vectors.entries()) values.set(v, i * dimensions);
  return { count: vectors.length, dimensions, float64: bytesToBase64(new Uint8Array(values.buffer)) };
}

export function unpackVectors(packed: PackedVectors): number[][] {
  const bytes = base64ToBytes(packed.float64);
  const values = new Float64Array(bytes.buffer, bytes.byteOffset, packed.count * packed.dimensions);
  return Array.from({ length: packed.count }, (_, i) => Array.from(values.subarray(i * packed.dimensions, (i + 1) * packed.dimensions)));
}

/** Whether a cached value is `count` packed vectors whose bytes add up. */
export function isPackedVectors(value: unknown, count: number): value is PackedVectors {
  if (!value || typeof value !== "object") return false;
  const v = value as Partial<PackedVectors>;
  return (
    v.count === count &&
    Number.isInteger(v.dimensions) &&
    typeof v.float64 === "string" &&
    Math.ceil((count * (v.dimensions as number) * 8) / 3) * 4 === v.float64.length
  );
}
