/** The table base64 encoder against the runtime's btoa, at every length remainder and every byte value. */
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64 } from "../../../src/util/base64";

const btoaOf = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

describe("bytesToBase64", () => {
  it("matches btoa for lengths 0–64 and all 256 byte values", () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      expect(bytesToBase64(bytes)).toBe(btoaOf(bytes));
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(btoaOf(all));
  });

  it("round-trips a large buffer through base64ToBytes", () => {
    const bytes = Uint8Array.from({ length: 300_001 }, (_, i) => (i * 7919) & 255);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
});
