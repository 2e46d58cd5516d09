/**
 * How file_search results reach the model: one clearly delimited system message, put in the
 * prompt before generation (Assistants runs and Responses alike), so any chat model — with or
 * without tool calling — can use them. The block is plain text with one `<result>` element per
 * chunk, best first; the emulator reads it back (`readContextBlock`) to quote the best chunk.
 */
import type { RankedChunk } from "../vector-stores/search";

/** Opens and closes the block; nothing else in a prompt is expected to contain them. */
export const CONTEXT_OPEN = "<file_search_results>";
export const CONTEXT_CLOSE = "</file_search_results>";

const PREAMBLE =
  "file_search found these excerpts of the user's files for the latest user message. " +
  "Answer from them when they are relevant, quoting the passages you rely on; say so when they do not answer the question.";

/** The system message text carrying `results` (best first). */
export function contextBlock(results: readonly Pick<RankedChunk, "fileId" | "filename" | "score" | "text">[]): string {
  const items = results.map(
    (r, i) =>
      `<result index="${i}" file_id="${attr(r.fileId)}" filename="${attr(r.filename)}" score="${r.score.toFixed(3)}">\n${r.text}\n</result>`,
  );
  return [PREAMBLE, CONTEXT_OPEN, ...items, CONTEXT_CLOSE].join("\n");
}

/** The results of a block in `text` (filename and text, best first); empty when there is none. */
export function readContextBlock(text: string): { filename: string; text: string }[] {
  const start = text.indexOf(CONTEXT_OPEN);
  const end = text.indexOf(CONTEXT_CLOSE, start);
  if (start === -1 || end === -1) return [];
  const body = text.slice(start + CONTEXT_OPEN.length, end);
  return [...body.matchAll(/<result [^>]*filename="([^"]*)"[^>]*>\n([\s\S]*?)\n<\/result>/g)].map((m) => ({
    filename: unattr(m[1] ?? ""),
    text: m[2] ?? "",
  }));
}

function attr(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
}

function unattr(value: string): string {
  return value.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}
