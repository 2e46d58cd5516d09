/**
 * Embedding values as JSON: every float32 reads back as exactly itself, with the fewest
 * digits that do (checked against a `toPrecision` search over random bit patterns of every
 * magnitude), and the rendered response is the JSON `JSON.stringify` would give with those
 * numbers, in both encodings.
 */
import { describe, expect, it } from "vitest";
import type { EmbeddingsResponse } from "../../../src/surface/embeddings/create-embeddings";
import { float32Json, MAX_FLOAT32_JSON_BYTES, writeFloat32Items } from "../../../src/surface/embeddings/float32-json";
import { toFloat32Vectors } from "../../../src/surface/embeddings/packed-vectors";
import { renderEmbeddingsResponse } from "../../../src/surface/embeddings/render-embeddings";
import { mulberry32 } from "../../../src/dev/prng";

/** The fewest significant digits with which `v` (a float32) reads back as itself. */
function shortestDigits(v: number): number {
  for (let p = 1; p <= 9; p++) if (Math.fround(Number(v.toPrecision(p))) === v) return p;
  throw new Error(`no 9-digit form for ${v}`);
}

function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.max(1, mantissa.length);
}

function checkOne(v: number): void {
  const text = float32Json(v);
  const back = JSON.parse(text) as number;
  if (Math.fround(back) !== v) throw new Error(`${v} → ${text} reads back as ${Math.fround(back)}`);
  if (v !== 0 && significantDigits(text) !== shortestDigits(v)) {
    throw new Error(`${v} → ${text}: ${significantDigits(text)} digits, ${shortestDigits(v)} suffice`);
  }
}

describe("float32 values as JSON numbers", () => {
  it("reads back as the same float32, shortest, for random bit patterns of every magnitude", () => {
    const random = mulberry32(17);
    const bits = new Uint32Array(1);
    const value = new Float32Array(bits.buffer);
    let checked = 0;
    while (checked < 200_000) {
      bits[0] = Math.floor(random() * 2 ** 32);
      const v = value[0] as number;
      if (!Number.isFinite(v)) continue;
      checkOne(v);
      checked++;
    }
  });

  it("reads back as the same float32, shortest, across the embedding range [1e-6, 1)", () => {
    const random = mulberry32(23);
    for (let i = 0; i < 300_000; i++) {
      const v = Math.fround((random() < 0.5 ? -1 : 1) * 10 ** (-6 * random()));
      checkOne(v);
    }
    // The edges of every decade and of the fast path, and powers of two (an uneven rounding interval).
    for (let e = -7; e <= 1; e++) for (const f of [1, 0.9999999, 1.0000001, 5, 9.999999]) checkOne(Math.fround(f * 10 ** e));
    for (let e = -30; e <= 1; e++) checkOne(2 ** e);
  });

  it("writes a run of items of every kind comma-separated, nothing lost or left over between them", () => {
    const random = mulberry32(31);
    const kinds = [0, 1, -2.5, 1e-7, 0.1, -0.5, 0.0023064255, -0.00051, 3e-6, 0.99999994, 0.001, 123456, -1e-30];
    const values = new Float32Array(2000);
    for (let i = 0; i < values.length; i++) {
      values[i] = random() < 0.3 ? (kinds[i % kinds.length] as number) : (random() - 0.5) * 10 ** (-4 * random());
    }
    const expected = Array.from(values, (v) => float32Json(v)).join(",");
    const out = new Uint8Array(10 + values.length * (MAX_FLOAT32_JSON_BYTES + 1)).fill(0xff);
    const end = writeFloat32Items(values, out, 10);
    expect(new TextDecoder().decode(out.subarray(10, end))).toBe(expected);
    expect(out.subarray(0, 10).every((b) => b === 0xff)).toBe(true);
    expect(writeFloat32Items(new Float32Array(0), out, 3)).toBe(3);
  });

  it("rounds float64 input to float32 first and writes JSON for the edge cases", () => {
    expect(float32Json(0.1)).toBe("0.1");
    expect(float32Json(0.03605437651276588)).toBe(float32Json(Math.fround(0.03605437651276588)));
    expect(float32Json(Math.fround(0.0023064255))).toBe("0.0023064255");
    expect(float32Json(-0.009327292442321777)).toBe("-0.009327292");
    expect(float32Json(0)).toBe("0");
    expect(float32Json(-0)).toBe("0");
    expect(float32Json(1)).toBe("1");
    expect(float32Json(-2.5)).toBe("-2.5");
    expect(float32Json(1e-7)).toBe("1e-7");
    expect(float32Json(3.4028234663852886e38)).toBe("3.4028235e+38");
    expect(float32Json(1e300)).toBe("null");
  });
});

describe("renderEmbeddingsResponse", () => {
  const random = mulberry32(5);
  const raw = Array.from({ length: 3 }, () => Array.from({ length: 10 }, () => (random() - 0.5) * 0.2));
  const vectors = toFloat32Vectors(raw);
  const body: EmbeddingsResponse = {
    object: "list",
    data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
    model: 'model "ünï"',
    usage: { prompt_tokens: 7, total_tokens: 7 },
  };
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it("writes float the way JSON.stringify lays the response out, with float32 numbers", () => {
    const text = decode(renderEmbeddingsResponse(body, "float"));
    const expected = JSON.stringify({
      ...body,
      data: body.data.map((d) => ({ ...d, embedding: [...d.embedding].map((v) => Number(float32Json(v))) })),
    });
    expect(text).toBe(expected);
    const parsed = JSON.parse(text) as { data: { embedding: number[] }[] };
    expect(parsed.data.map((d) => d.embedding.map(Math.fround))).toEqual(vectors.map((v) => Array.from(v)));
  });

  it("writes base64 as little-endian float32 bytes, as OpenAI does", () => {
    const parsed = JSON.parse(decode(renderEmbeddingsResponse(body, "base64"))) as { data: { embedding: string }[]; model: string };
    expect(parsed.model).toBe('model "ünï"');
    for (const [i, d] of parsed.data.entries()) {
      const bytes = Uint8Array.from(atob(d.embedding), (c) => c.charCodeAt(0));
      const view = new DataView(bytes.buffer);
      const floats = Array.from({ length: bytes.length / 4 }, (_, k) => view.getFloat32(k * 4, true));
      expect(floats).toEqual(Array.from(new Float32Array(raw[i] ?? [])));
    }
  });
});
