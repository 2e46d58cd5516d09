/**
 * One file's index in one KV value, so indexing a file costs one write however many chunks it
 * has, and searching reads one value per file. Binary, so that a search parses almost nothing:
 * a little-endian u32 header length, the header as JSON (embedding model, dimensions, each
 * chunk's [start, end) span in the text, in characters and in UTF-8 bytes), the extracted
 * text as UTF-8, padding to a 4-byte boundary, then every chunk's vector as float32, in chunk
 * order. Decoding views the vectors and the text bytes in place; a chunk's text is decoded
 * from its byte span when asked for, and the whole text only when `text` is read (the file's
 * content endpoint). Parsing a multi-megabyte text out of the JSON header on every search was
 * most of a search's CPU (bench:cpu).
 *
 * Packs written before the text had its own section carry it in the header (`text`, no
 * `textBytes`); they decode the same way.
 */

export interface ChunkPack {
  /** The backend embedding model the vectors came from (a query must be embedded with the same). */
  model: string;
  dimensions: number;
  filename: string;
  /** The text extracted from the file; chunks are spans of it (they overlap). */
  readonly text: string;
  /** Each chunk's [start, end) in `text`, in UTF-16 code units. */
  spans: [number, number][];
  /** spans.length × dimensions values. */
  vectors: Float32Array;
}

/** The header as stored; `text` only in packs of the earlier layout. */
interface Header {
  model: string;
  dimensions: number;
  filename: string;
  spans: [number, number][];
  /** Each chunk's [start, end) in the UTF-8 text section. */
  byteSpans?: [number, number][];
  textBytes?: number;
  text?: string;
}

/** A decoded pack: the text section stays bytes until a chunk or the whole text is read. */
interface DecodedPack extends ChunkPack {
  readonly textSection?: { bytes: Uint8Array; spans: [number, number][] };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeChunkPack(pack: ChunkPack): Uint8Array {
  const text = encoder.encode(pack.text);
  const header: Header = {
    model: pack.model,
    dimensions: pack.dimensions,
    filename: pack.filename,
    spans: pack.spans,
    byteSpans: utf8Spans(pack.text, pack.spans),
    textBytes: text.byteLength,
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const textAt = 4 + headerBytes.byteLength;
  const vectorsAt = align4(textAt + text.byteLength);
  const out = new Uint8Array(vectorsAt + pack.vectors.byteLength);
  new DataView(out.buffer).setUint32(0, headerBytes.byteLength, true);
  out.set(headerBytes, 4);
  out.set(text, textAt);
  out.set(new Uint8Array(pack.vectors.buffer, pack.vectors.byteOffset, pack.vectors.byteLength), vectorsAt);
  return out;
}

/** The pack in `bytes`; vectors and text are views over them (float32 is little-endian on every Workers host). */
export function decodeChunkPack(bytes: ArrayBuffer): ChunkPack {
  const headerLength = new DataView(bytes).getUint32(0, true);
  const header = JSON.parse(decoder.decode(new Uint8Array(bytes, 4, headerLength))) as Header;
  const textAt = 4 + headerLength;
  const vectorsAt = align4(textAt + (header.textBytes ?? 0));
  const vectors = new Float32Array(bytes, vectorsAt, header.spans.length * header.dimensions);
  const base = { model: header.model, dimensions: header.dimensions, filename: header.filename, spans: header.spans, vectors };
  if (header.textBytes === undefined || !header.byteSpans) return { ...base, text: header.text ?? "" };
  const textSection = { bytes: new Uint8Array(bytes, textAt, header.textBytes), spans: header.byteSpans };
  let text: string | undefined;
  const pack: DecodedPack = {
    ...base,
    textSection,
    get text() {
      text ??= decoder.decode(textSection.bytes);
      return text;
    },
  };
  return pack;
}

/** The text of chunk `i`. */
export function chunkText(pack: ChunkPack, i: number): string {
  const section = (pack as DecodedPack).textSection;
  if (section) {
    const [start, end] = section.spans[i] ?? [0, 0];
    return decoder.decode(section.bytes.subarray(start, end));
  }
  const [start, end] = pack.spans[i] ?? [0, 0];
  return pack.text.slice(start, end);
}

/**
 * `spans` (UTF-16 offsets into `text`) as UTF-8 byte offsets, in one pass over the text. A
 * surrogate pair is 4 bytes, counted at its first half; a lone surrogate is U+FFFD's 3.
 */
function utf8Spans(text: string, spans: readonly [number, number][]): [number, number][] {
  const points = [...new Set(spans.flat())].sort((a, b) => a - b);
  const offsets = new Map<number, number>();
  let bytes = 0;
  let i = 0;
  for (const point of points) {
    for (; i < point && i < text.length; i++) bytes += utf8Length(text, i);
    offsets.set(point, bytes);
  }
  return spans.map(([start, end]) => [offsets.get(start) ?? 0, offsets.get(end) ?? 0]);
}

function utf8Length(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 4 : 3;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const previous = text.charCodeAt(i - 1);
    return previous >= 0xd800 && previous <= 0xdbff ? 0 : 3;
  }
  return 3;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
