/**
 * Embeddings as float32 vectors, and as the response cache stores them: every vector's
 * values rounded to float32 (what the response carries, in either encoding), concatenated,
 * little-endian, as raw bytes (the cache entry's binary tail), with the vector count and
 * length. Storing them as JSON numbers meant formatting every number a second time (~12 ms of
 * CPU for 100 × 768) and an entry over the cache's size cap; as base64 inside the entry's
 * JSON, encoding it cost ~3 ms; raw, the same vectors are 0.3 MB and a copy. Entries written
 * before with base64 float32 or float64 (`float64`) still read.
 */
import type { StoredValue } from "../../cache/response-cache";
import { base64ToBytes } from "../../util/base64";

export interface PackedVectors {
  count: number;
  dimensions: number;
  /** count × dimensions float32 values, little-endian: raw bytes, or base64 in entries written before. */
  float32?: Uint8Array | string;
  /** An earlier format: count × dimensions float64 values, little-endian, base64. */
  float64?: string;
}

/** Whether typed arrays are little-endian here (every Workers host is; checked, not assumed). */
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/** The vectors rounded to float32: one buffer, one view per vector (lengths may differ). */
export function toFloat32Vectors(vectors: readonly (readonly number[])[]): Float32Array[] {
  let total = 0;
  for (const v of vectors) total += v.length;
  const values = new Float32Array(total);
  const views: Float32Array[] = [];
  let at = 0;
  for (const v of vectors) {
    for (let j = 0; j < v.length; j++) values[at + j] = v[j] as number;
    views.push(values.subarray(at, at + v.length));
    at += v.length;
  }
  return views;
}

/** The vectors packed; undefined when they differ in length (nothing to cache then). */
export function packVectors(vectors: readonly Float32Array[]): PackedVectors | undefined {
  const dimensions = vectors[0]?.length ?? 0;
  if (vectors.some((v) => v.length !== dimensions)) return undefined;
  return { count: vectors.length, dimensions, float32: littleEndianBytes(contiguous(vectors, dimensions)) };
}

/** How the response cache stores packed vectors: the count and length as JSON, the float32 bytes as the entry's binary tail. */
export function storedPackedVectors(packed: PackedVectors): StoredValue {
  const json = `{"count":${packed.count},"dimensions":${packed.dimensions}}`;
  if (packed.float32 instanceof Uint8Array) return { json, tail: { field: "float32", bytes: packed.float32 } };
  return { json: JSON.stringify(packed) };
}

/** The vectors as one array: their own buffer when they lie end to end in it (as `toFloat32Vectors` makes them), else a copy. */
function contiguous(vectors: readonly Float32Array[], dimensions: number): Float32Array {
  const first = vectors[0];
  if (first && vectors.every((v, i) => v.buffer === first.buffer && v.byteOffset === first.byteOffset + i * dimensions * 4)) {
    return new Float32Array(first.buffer, first.byteOffset, vectors.length * dimensions);
  }
  const values = new Float32Array(vectors.length * dimensions);
  for (let i = 0; i < vectors.length; i++) values.set(vectors[i] as Float32Array, i * dimensions);
  return values;
}

export function unpackVectors(packed: PackedVectors): Float32Array[] {
  const n = packed.count * packed.dimensions;
  let values: Float32Array;
  if (packed.float32 !== undefined) {
    let bytes = typeof packed.float32 === "string" ? base64ToBytes(packed.float32) : packed.float32;
    // A typed view needs 4-byte alignment (the cache aligns its tail; a copy otherwise).
    if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
    values = LITTLE_ENDIAN ? new Float32Array(bytes.buffer, bytes.byteOffset, n) : readFloats(bytes, n, 4);
  } else {
    const bytes = base64ToBytes(packed.float64 ?? "");
    values = LITTLE_ENDIAN ? Float32Array.from(new Float64Array(bytes.buffer, bytes.byteOffset, n)) : readFloats(bytes, n, 8);
  }
  return Array.from({ length: packed.count }, (_, i) => values.subarray(i * packed.dimensions, (i + 1) * packed.dimensions));
}

/** Whether a cached value is `count` packed vectors whose bytes add up. */
export function isPackedVectors(value: unknown, count: number): value is PackedVectors {
  if (!value || typeof value !== "object") return false;
  const v = value as Partial<PackedVectors>;
  if (v.count !== count || !Number.isInteger(v.dimensions)) return false;
  const values = count * (v.dimensions as number);
  if (v.float32 instanceof Uint8Array) return v.float32.byteLength === values * 4;
  if (typeof v.float32 === "string") return Math.ceil((values * 4) / 3) * 4 === v.float32.length;
  return typeof v.float64 === "string" && Math.ceil((values * 8) / 3) * 4 === v.float64.length;
}

/** The vector's bytes as OpenAI's base64 embedding holds them: IEEE-754 float32, little-endian. */
export function littleEndianBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return new Uint8Array(view.buffer);
}

function readFloats(bytes: Uint8Array, n: number, width: 4 | 8): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = width === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  return out;
}
