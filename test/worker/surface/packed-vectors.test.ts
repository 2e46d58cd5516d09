/** The embeddings cache's packing: float32 round trip, entries written before as float64 still read (as float32), shape checks. */
import { describe, expect, it } from "vitest";
import {
  isPackedVectors,
  packedVectorsJson,
  packVectors,
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
  it("pack and unpack the float32 values exactly, and write the JSON JSON.stringify would", () => {
    const vectors = toFloat32Vectors(raw);
    const packed = packVectors(vectors);
    if (!packed) throw new Error("not packed");
    expect(isPackedVectors(packed, 3)).toBe(true);
    expect(isPackedVectors(packed, 2)).toBe(false);
    expect(packedVectorsJson(packed)).toBe(JSON.stringify(packed));
    const back = unpackVectors(JSON.parse(packedVectorsJson(packed)));
    expect(back.map((v) => Array.from(v))).toEqual(raw.map((v) => Array.from(new Float32Array(v))));
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
    expect(isPackedVectors(null, 3)).toBe(false);
  });
});
