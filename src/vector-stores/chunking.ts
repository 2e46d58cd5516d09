/**
 * Chunking strategies: parsing OpenAI's `chunking_strategy` and cutting extracted text into
 * overlapping chunks. `auto` is OpenAI's 800-token chunks with 400 overlap; `static` sets both
 * (100–4,096 tokens, overlap at most half). Tokens are the project's one estimate (about four
 * characters each, util/estimate-tokens.ts). Cuts prefer the last whitespace in a chunk's final
 * fifth, so words stay whole; chunks are spans of the text, not copies.
 */
import { invalidParam } from "../http/errors";
import { asObject, optionalNumber, typeError } from "../http/validate";
import { CHARS_PER_TOKEN } from "../util/estimate-tokens";
import type { StaticChunking } from "../wire/files";

/** OpenAI's `auto` strategy, reported back as its static sizes. */
export const AUTO_CHUNKING: StaticChunking = { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };

/** `chunking_strategy` from a request body; absent or `{type:"auto"}` is AUTO_CHUNKING. */
export function parseChunkingStrategy(raw: unknown, param = "chunking_strategy"): StaticChunking {
  if (raw === undefined || raw === null) return AUTO_CHUNKING;
  const body = asObject(raw, param);
  if (body.type === "auto") return AUTO_CHUNKING;
  if (body.type !== "static") {
    throw invalidParam(`${param}.type`, `Invalid '${param}.type': expected 'auto' or 'static', got ${JSON.stringify(body.type ?? null)}.`);
  }
  if (body.static === undefined || body.static === null) throw typeError(`${param}.static`, "an object", body.static ?? null);
  const sizes = asObject(body.static, `${param}.static`);
  const max = optionalNumber(
    sizes,
    "max_chunk_size_tokens",
    { min: 100, max: 4096, integer: true },
    `${param}.static.max_chunk_size_tokens`,
  );
  const overlap = optionalNumber(sizes, "chunk_overlap_tokens", { min: 0, integer: true }, `${param}.static.chunk_overlap_tokens`);
  if (max === undefined) throw typeError(`${param}.static.max_chunk_size_tokens`, "an integer", null);
  if (overlap === undefined) throw typeError(`${param}.static.chunk_overlap_tokens`, "an integer", null);
  if (overlap > max / 2) {
    throw invalidParam(
      `${param}.static.chunk_overlap_tokens`,
      `Invalid '${param}.static.chunk_overlap_tokens': ${overlap} exceeds half of max_chunk_size_tokens (${max}).`,
    );
  }
  return { type: "static", static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } };
}

/** The [start, end) spans of `text`'s chunks, in order; none for blank text. */
export function chunkSpans(text: string, strategy: StaticChunking): [number, number][] {
  const size = strategy.static.max_chunk_size_tokens * CHARS_PER_TOKEN;
  const overlap = strategy.static.chunk_overlap_tokens * CHARS_PER_TOKEN;
  const spans: [number, number][] = [];
  if (text.trim() === "") return spans;
  let start = 0;
  for (;;) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) end = wordBoundary(text, start + size - Math.floor(size / 5), end);
    spans.push([start, end]);
    if (end >= text.length) return spans;
    // Step back by the overlap, but always move forward.
    start = Math.max(start + 1, end - overlap);
  }
}

/** The position after the last whitespace in [from, to), or `to` when there is none. */
function wordBoundary(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (/\s/.test(text[i] ?? "")) return i + 1;
  return to;
}
