import { describe, expect, it } from "vitest";
import { chunkIrregularly, seedFromBytes } from "../../../src/dev/chunk-irregularly";

const encoder = new TextEncoder();
const sse = encoder.encode('data: {"response":"héllo"}\n\ndata: {"response":" wörld 😀"}\n\ndata: [DONE]\n\n');

function join(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Byte offsets where one chunk ends and the next begins. */
function boundaries(chunks: Uint8Array[]): number[] {
  const result: number[] = [];
  let at = 0;
  for (const chunk of chunks.slice(0, -1)) {
    at += chunk.length;
    result.push(at);
  }
  return result;
}

describe("chunkIrregularly", () => {
  it("re-joins to exactly the input, in non-empty chunks", () => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const chunks = chunkIrregularly(sse, seed);
      expect(join(chunks)).toEqual(sse);
      expect(chunks.every((c) => c.length > 0)).toBe(true);
      expect(chunks.length).toBeGreaterThan(2);
    }
  });

  it("is deterministic for a seed and varies with it", () => {
    expect(boundaries(chunkIrregularly(sse, 7))).toEqual(boundaries(chunkIrregularly(sse, 7)));
    expect(boundaries(chunkIrregularly(sse, 7))).not.toEqual(boundaries(chunkIrregularly(sse, 8)));
    expect(seedFromBytes(sse)).toBe(seedFromBytes(sse.slice()));
  });

  it("cuts inside the first event and inside a multi-byte character", () => {
    const firstEventEnd = new TextDecoder().decode(sse).indexOf("\n\n");
    const cuts = boundaries(chunkIrregularly(sse, 3));
    expect(cuts.some((c) => c > 0 && c < firstEventEnd)).toBe(true);
    // A chunk starting with a UTF-8 continuation byte (10xxxxxx) means a character was split.
    expect(cuts.some((c) => ((sse[c] ?? 0) & 0xc0) === 0x80)).toBe(true);
  });

  it("handles tiny inputs", () => {
    expect(chunkIrregularly(new Uint8Array(0), 1)).toEqual([]);
    expect(chunkIrregularly(new Uint8Array([1]), 1)).toEqual([new Uint8Array([1])]);
  });
});
