/**
 * Which file_search results a reply cites, by one simple rule that needs no help from the
 * model: a result is cited when the reply reproduces a run of at least 11 consecutive words of
 * it (whitespace may differ), or the whole chunk when it is shorter than that. Each file is
 * cited once, at its first quoted passage (the span is the earliest 8-word window of the chunk,
 * windows starting every 4 words, found in the reply); citations come in reply order.
 */

/** Words a quoted run must share with a chunk (checked as 8-word windows every 4 words). */
const WINDOW = 8;
const STRIDE = 4;

export interface Citation {
  fileId: string;
  filename: string;
  /** Where the quoted window starts and ends in the reply (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
}

/** The citations of `reply` among `results`. */
export function findCitations(reply: string, results: readonly { fileId: string; filename: string; text: string }[]): Citation[] {
  const found = new Map<string, Citation>();
  for (const r of results) {
    if (found.has(r.fileId)) continue;
    const span = firstQuotedSpan(reply, r.text);
    if (span) found.set(r.fileId, { fileId: r.fileId, filename: r.filename, ...span });
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** The earliest place `reply` quotes one of `chunk`'s windows. */
function firstQuotedSpan(reply: string, chunk: string): { start: number; end: number } | undefined {
  const words = chunk.split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return undefined;
  let best: { start: number; end: number } | undefined;
  const last = Math.max(0, words.length - WINDOW);
  const starts = new Set<number>([last]);
  for (let i = 0; i < last; i += STRIDE) starts.add(i);
  for (const i of starts) {
    const pattern = new RegExp(
      words
        .slice(i, i + WINDOW)
        .map(escapeRegExp)
        .join("\\s+"),
    );
    const match = pattern.exec(reply);
    if (match && (!best || match.index < best.start)) best = { start: match.index, end: match.index + match[0].length };
  }
  return best;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
