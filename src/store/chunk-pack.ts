/**
 * One file's index in one KV value, so indexing a file costs one write however many chunks it
 * has, and searching reads one value per file. Binary, so vectors need no parsing: a
 * little-endian u32 header length, the header as JSON (embedding model, dimensions, the
 * extracted text and each chunk's [start, end) span in it), padding to a 4-byte boundary, then
 * every chunk's vector as float32, in chunk order. Decoding views the vectors in place.
 */

export interface ChunkPack {
  /** The backend embedding model the vectors came from (a query must be embedded with the same). */
  model: string;
  dimensions: number;
  filename: string;
  /** The text extracted from the file; chunks are spans of it (they overlap). */
  text: string;
  spans: [number, number][];
  /** spans.length × dimensions values. */
  vectors: Float32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeChunkPack(pack: ChunkPack): Uint8Array {
  const header = encoder.encode(
    JSON.stringify({ model: pack.model, dimensions: pack.dimensions, filename: pack.filename, text: pack.text, spans: pack.spans }),
  );
  const vectorsAt = align4(4 + header.byteLength);
  const out = new Uint8Array(vectorsAt + pack.vectors.byteLength);
  new DataView(out.buffer).setUint32(0, header.byteLength, true);
  out.set(header, 4);
  out.set(new Uint8Array(pack.vectors.buffer, pack.vectors.byteOffset, pack.vectors.byteLength), vectorsAt);
  return out;
}

/** The pack in `bytes`; vectors are a view over them (float32 is little-endian on every Workers host). */
export function decodeChunkPack(bytes: ArrayBuffer): ChunkPack {
  const headerLength = new DataView(bytes).getUint32(0, true);
  const header = JSON.parse(decoder.decode(new Uint8Array(bytes, 4, headerLength))) as Omit<ChunkPack, "vectors">;
  const vectorsAt = align4(4 + headerLength);
  const vectors = new Float32Array(bytes, vectorsAt, header.spans.length * header.dimensions);
  return { ...header, vectors };
}

/** The text of chunk `i`. */
export function chunkText(pack: ChunkPack, i: number): string {
  const [start, end] = pack.spans[i] ?? [0, 0];
  return pack.text.slice(start, end);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
