/** Native `<think>…</think>` reasoning (QwQ, DeepSeek-R1-distill) split from the answer, whole and streamed. */
import { describe, expect, it } from "vitest";
import { decodeOutput } from "../../../src/ai/providers/workers-ai/decode-output";
import { decodeStream } from "../../../src/ai/providers/workers-ai/decode-stream";
import { ThinkTagSplitter, splitThinkTags } from "../../../src/ai/providers/workers-ai/think-tags";
import { collectEvents } from "../../../src/chat/stream-utils";

function sse(pieces: string[]): ReadableStream<Uint8Array> {
  const body = `${pieces.map((p) => `data: ${JSON.stringify({ response: p })}\n\n`).join("")}data: [DONE]\n\n`;
  return new Response(body).body as ReadableStream<Uint8Array>;
}

describe("think tags", () => {
  it("splits a whole answer; text without the tag is untouched", () => {
    expect(splitThinkTags("<think>\nAdd 2 and 2.\n</think>\n\n4")).toEqual({ reasoning: "\nAdd 2 and 2.\n", text: "4" });
    expect(splitThinkTags("  plain <think> later")).toEqual({ reasoning: "", text: "  plain <think> later" });
    expect(decodeOutput({ response: "<think>hmm</think>Yes." })).toMatchObject({ reasoning: "hmm", text: "Yes." });
  });

  it("holds back tags split across pieces", () => {
    const s = new ThinkTagSplitter();
    const parts = ["<thi", "nk>I should", " answer</th", "ink>", "Paris."].map((p) => s.push(p));
    parts.push(s.end());
    expect(parts.map((p) => p.reasoning).join("")).toBe("I should answer");
    expect(parts.map((p) => p.text).join("")).toBe("Paris.");
  });

  it("a native stream with thinking decodes to reasoning events, then text", async () => {
    const events = await collectEvents(decodeStream(sse(["<think>", "Short", " thought.</thi", "nk>", "Answer", "."])));
    const reasoning = events.flatMap((e) => (e.type === "reasoning" ? [e.text] : [])).join("");
    const text = events.flatMap((e) => (e.type === "text" ? [e.text] : [])).join("");
    expect([reasoning, text]).toEqual(["Short thought.", "Answer."]);
  });
});
