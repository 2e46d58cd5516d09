/**
 * Native-format reasoning models (QwQ, DeepSeek-R1-distill) have no reasoning field: their
 * `response` text opens with the thinking inside `<think>…</think>`. This splits such text,
 * piece by piece as it streams, into reasoning and answer; a tag split across pieces is held
 * back until it is whole. Text that does not open with `<think>` passes through untouched, so
 * other models' output is unchanged byte for byte.
 */

const OPEN = "<think>";
const CLOSE = "</think>";

/** What one piece of text turned into. */
export interface SplitPiece {
  reasoning: string;
  text: string;
}

/** The stateful splitter: `push` each piece in order, then `end`. */
export class ThinkTagSplitter {
  private state: "start" | "think" | "answer" = "start";
  private held = "";

  /** The reasoning and answer text this piece completes. */
  push(piece: string): SplitPiece {
    const out: SplitPiece = { reasoning: "", text: "" };
    let rest = this.held + piece;
    this.held = "";
    if (this.state === "start") {
      const trimmed = rest.trimStart();
      if (OPEN.startsWith(trimmed) && trimmed.length < OPEN.length) {
        this.held = rest;
        return out;
      }
      if (!trimmed.startsWith(OPEN)) {
        this.state = "answer";
        out.text = rest;
        return out;
      }
      this.state = "think";
      rest = trimmed.slice(OPEN.length);
    }
    if (this.state === "think") {
      const close = rest.indexOf(CLOSE);
      if (close === -1) {
        const keep = partialSuffix(rest, CLOSE);
        out.reasoning = rest.slice(0, rest.length - keep);
        this.held = rest.slice(rest.length - keep);
        return out;
      }
      out.reasoning = rest.slice(0, close);
      this.state = "answer";
      rest = rest.slice(close + CLOSE.length).replace(/^\s+/, "");
    }
    out.text += rest;
    return out;
  }

  /** Whatever was held back, once the text is complete. */
  end(): SplitPiece {
    const held = this.held;
    this.held = "";
    return this.state === "think" ? { reasoning: held, text: "" } : { reasoning: "", text: held };
  }
}

/** The whole of `text`, split. */
export function splitThinkTags(text: string): SplitPiece {
  const splitter = new ThinkTagSplitter();
  const a = splitter.push(text);
  const b = splitter.end();
  return { reasoning: a.reasoning + b.reasoning, text: a.text + b.text };
}

/** How many characters at the end of `text` could begin `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (tag.startsWith(text.slice(-n))) return n;
  return 0;
}
