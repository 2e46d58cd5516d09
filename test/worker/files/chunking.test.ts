/** Pure pieces of indexing: chunk spans, the binary chunk pack, HTML text extraction. */
import { describe, expect, it } from "vitest";
import { chunkText, decodeChunkPack, encodeChunkPack } from "../../../src/store/chunk-pack";
import { AUTO_CHUNKING, chunkSpans } from "../../../src/vector-stores/chunking";
import { htmlToText } from "../../../src/vector-stores/extract-text";

const strategy = (max: number, overlap: number) => ({
  type: "static" as const,
  static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap },
});

describe("chunkSpans", () => {
  it("auto: 3,200-character chunks stepping 1,600, cut after whitespace, covering the text", () => {
    const text = "word ".repeat(2000); // 10,000 characters
    const spans = chunkSpans(text, AUTO_CHUNKING);
    expect(spans[0]).toEqual([0, 3200]);
    expect(spans[1]?.[0]).toBe(1600);
    for (const [s, e] of spans) expect(e - s).toBeLessThanOrEqual(3200);
    expect(spans.at(-1)?.[1]).toBe(text.length);
    for (const [, e] of spans.slice(0, -1)) expect(text[e - 1]).toBe(" ");
  });

  it("static without overlap tiles the text; blank text has no chunks; a text without spaces is cut hard", () => {
    const text = "abcd ".repeat(200);
    const spans = chunkSpans(text, strategy(100, 0));
    expect(spans.map(([s, e]) => text.slice(s, e)).join("")).toBe(text);
    expect(chunkSpans("  \n ", AUTO_CHUNKING)).toEqual([]);
    expect(chunkSpans("x".repeat(900), strategy(100, 0))).toEqual([
      [0, 400],
      [400, 800],
      [800, 900],
    ]);
  });
});

describe("chunk pack", () => {
  it("round-trips text, spans and float32 vectors", () => {
    const vectors = new Float32Array([0.5, -0.25, 1, 0, 0.125, 0.75]);
    const bytes = encodeChunkPack({
      model: "@cf/m",
      dimensions: 3,
      filename: "é.txt",
      text: "héllo world",
      spans: [
        [0, 5],
        [6, 11],
      ],
      vectors,
    });
    const copy = bytes.slice().buffer as ArrayBuffer;
    const pack = decodeChunkPack(copy);
    expect(pack).toMatchObject({
      model: "@cf/m",
      dimensions: 3,
      filename: "é.txt",
      spans: [
        [0, 5],
        [6, 11],
      ],
    });
    expect(Array.from(pack.vectors)).toEqual(Array.from(vectors));
    expect(chunkText(pack, 1)).toBe("world");
  });
});

describe("chunk pack layout", () => {
  const pack = (text: string, spans: [number, number][]) =>
    decodeChunkPack(
      encodeChunkPack({ model: "@cf/m", dimensions: 1, filename: "f.txt", text, spans, vectors: new Float32Array(spans.length) }).slice()
        .buffer as ArrayBuffer,
    );

  it("cuts chunks by UTF-8 byte spans: surrogate pairs, 2- and 3-byte characters", () => {
    const text = "a😀b é€ 𝄞end";
    const spans: [number, number][] = [
      [0, 3],
      [1, 4],
      [5, 8],
      [8, text.length],
    ];
    const decoded = pack(text, spans);
    expect(spans.map((_, i) => chunkText(decoded, i))).toEqual(spans.map(([s, e]) => text.slice(s, e)));
    expect(decoded.text).toBe(text);
    expect(decoded.spans).toEqual(spans);
  });

  it("still reads packs of the earlier layout (the text inside the JSON header)", () => {
    const header = new TextEncoder().encode(
      JSON.stringify({ model: "@cf/m", dimensions: 2, filename: "old.txt", text: "héllo world", spans: [[0, 5], [6, 11]] }),
    );
    const vectorsAt = (4 + header.byteLength + 3) & ~3;
    const bytes = new Uint8Array(vectorsAt + 16);
    new DataView(bytes.buffer).setUint32(0, header.byteLength, true);
    bytes.set(header, 4);
    bytes.set(new Uint8Array(new Float32Array([1, 0, 0, 1]).buffer), vectorsAt);
    const old = decodeChunkPack(bytes.buffer);
    expect(old.text).toBe("héllo world");
    expect(chunkText(old, 0)).toBe("héllo");
    expect(chunkText(old, 1)).toBe("world");
    expect(Array.from(old.vectors)).toEqual([1, 0, 0, 1]);
  });
});

describe("htmlToText", () => {
  it("drops scripts, styles and tags, keeps block breaks, decodes entities", () => {
    const html =
      "<html><head><title>t</title><style>p{}</style></head><body><h1>Tea &amp; cake</h1><script>x()</script><p>A&#233;&nbsp;b&#x41;</p>&#99999999;</body></html>";
    expect(htmlToText(html)).toBe("Tea & cake\nAé bA\n&#99999999;");
  });
});
