/** The embeddings cache's packing: float32 round trip, stored as a binary tail; entries written before as base64 float32 or float64 still read (as float32); shape checks. */
import { describe, expect, it } from "vitest";
import {
  isPackedVectors,
  packVectors,
  storedPackedVectors,
  toFloat32Vectors,
  unpackVectors,
} from "../../../src/surface/embeddings/packed-vectors";
import { bytesToBase64 } from "../../../src/util/base64";

const raw = [
  [0.1, -0.2, 0.30000001, 1e-7],
  [-0.5, 0.25, 0.125, 0.0625],
  [0.033, -0.0021, 0.9, -0.99],
];

describe("packed vectors", () => {
  it("pack and unpack the float32 values exactly, stored as JSON plus the raw bytes as a tail", () => {
    const vectors = toFloat32Vectors(raw);
    const packed = packVectors(vectors);
    if (!packed) throw new Error("not packed");
    expect(isPackedVectors(packed, 3)).toBe(true);
    expect(isPackedVectors(packed, 2)).toBe(false);
    const stored = storedPackedVectors(packed);
    expect(JSON.parse(stored.json)).toEqual({ count: 3, dimensions: 4 });
    expect(stored.tail?.field).toBe("float32");
    expect(stored.tail?.bytes).toEqual(new Uint8Array(new Float32Array(raw.flat()).buffer));
    // As the cache reads it back: the tail (here at an offset that is not a multiple of 4) in the field.
    const entry = new Uint8Array(1 + (stored.tail?.bytes.byteLength ?? 0));
    entry.set(stored.tail?.bytes ?? [], 1);
    const read = { ...JSON.parse(stored.json), float32: entry.subarray(1) };
    expect(isPackedVectors(read, 3)).toBe(true);
    expect(unpackVectors(read).map((v) => Array.from(v))).toEqual(raw.map((v) => Array.from(new Float32Array(v))));
  });

  it("reads entries written before with base64 float32 inside the JSON", () => {
    const old = { count: 3, dimensions: 4, float32: bytesToBase64(new Uint8Array(new Float32Array(raw.flat()).buffer)) };
    expect(isPackedVectors(old, 3)).toBe(true);
    expect(unpackVectors(old).map((v) => Array.from(v))).toEqual(raw.map((v) => Array.from(new Float32Array(v))));
  });

  it("packs vectors that are not end to end in one buffer too", () => {
    const vectors = raw.map((v) => new Float32Array(v));
    const packed = packVectors(vectors);
    if (!packed) throw new Error("not packed");
    expect(unpackVectors(packed).map((v) => Array.from(v))).toEqual(vectors.map((v) => Array.from(v)));
  });

  it("reads entries written before as float64, rounded to float32", () => {
    const old = { count: 3, dimensions: 4, float64: bytesToBase64(new Uint8Array(new Float64Array(raw.flat()).buffer)) };
    expect(isPackedVectors(old, 3)).toBe(true);
    expect(unpackVectors(old).map((v) => Array.from(v))).toEqual(raw.map((v) => Array.from(new Float32Array(v))));
  });

  it("does not pack vectors of different lengths, and refuses entries whose bytes do not add up", () => {
    expect(packVectors(toFloat32Vectors([[1, 2], [3]]))).toBeUndefined();
    expect(isPackedVectors({ count: 3, dimensions: 4, float32: "AAAA" }, 3)).toBe(false);
    expect(isPackedVectors({ count: 3, dimensions: 4, float32: new Uint8Array(47) }, 3)).toBe(false);
    expect(isPackedVectors(null, 3)).toBe(false);
  });
});
