/**
 * The embeddings response body as UTF-8 bytes, written in one pass into one buffer (reused
 * between requests; `new Response` copies the bytes it is given, as the Fetch standard says
 * for a BufferSource body, so the response is built straight from that buffer): the JSON
 * `JSON.stringify` would make of the response (keys in the same order, no spaces), with each
 * embedding's float32 values as JSON numbers (`writeFloat32Items`) or as OpenAI's base64
 * (little-endian float32 bytes). Going through `Response.json` formatted every value as a
 * float64 into a string, then copied the string into bytes: for 100 × 768 values that was
 * most of a request's CPU (bench:cpu).
 */
import { base64Length, writeBase64 } from "../../util/base64";
import type { EmbeddingsResponse } from "./create-embeddings";
import { MAX_FLOAT32_JSON_BYTES, writeFloat32Items } from "./float32-json";
import { littleEndianBytes } from "./packed-vectors";

const encoder = new TextEncoder();
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const CLOSE_BRACE = 0x7d;
/** Room for one item's fixed text and its index. */
const ITEM_BYTES = 64;

/** The response: its body rendered into the reused buffer and copied once, by the Response itself. */
export function embeddingsResponse(body: EmbeddingsResponse, encoding: "float" | "base64", headers: Record<string, string>): Response {
  return new Response(renderInto(body, encoding), { headers });
}

/** The body as bytes of its own (tests, and any caller that keeps them). */
export function renderEmbeddingsResponse(body: EmbeddingsResponse, encoding: "float" | "base64"): Uint8Array {
  return renderInto(body, encoding).slice();
}

/** The body, in the reused buffer: valid until the next call. */
function renderInto(body: EmbeddingsResponse, encoding: "float" | "base64"): Uint8Array {
  const model = JSON.stringify(body.model);
  const usage = JSON.stringify(body.usage);
  let size = 64 + model.length * 3 + usage.length;
  for (const item of body.data) {
    const n = item.embedding.length;
    size += ITEM_BYTES + (encoding === "base64" ? base64Length(n * 4) + 2 : n * (MAX_FLOAT32_JSON_BYTES + 1));
  }
  const out = scratchOf(size);
  let o = write(out, 0, '{"object":"list","data":[');
  for (let i = 0; i < body.data.length; i++) {
    const item = body.data[i] as EmbeddingsResponse["data"][number];
    if (i > 0) out[o++] = COMMA;
    o = write(out, o, `{"object":"embedding","index":${item.index},"embedding":`);
    const e = item.embedding;
    if (encoding === "base64") {
      out[o++] = QUOTE;
      o = writeBase64(littleEndianBytes(e), out, o);
      out[o++] = QUOTE;
    } else {
      out[o++] = OPEN_BRACKET;
      o = writeFloat32Items(e, out, o);
      out[o++] = CLOSE_BRACKET;
    }
    out[o++] = CLOSE_BRACE;
  }
  o = write(out, o, `],"model":${model},"usage":${usage}}`);
  return out.subarray(0, o);
}

/** Reused for responses up to this size: allocating (and zeroing) a fresh worst-case buffer per request cost more than copying the bytes used. */
const MAX_SCRATCH_BYTES = 4 * 1024 * 1024;
let scratch = new Uint8Array(0);

function scratchOf(size: number): Uint8Array {
  if (size > MAX_SCRATCH_BYTES) return new Uint8Array(size);
  if (scratch.length < size) scratch = new Uint8Array(size);
  return scratch;
}

function write(out: Uint8Array, at: number, text: string): number {
  return at + encoder.encodeInto(text, out.subarray(at)).written;
}
