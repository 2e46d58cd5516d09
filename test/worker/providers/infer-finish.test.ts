/**
 * The one place that infers how a generation ended: reported usage kept (a missing total
 * summed), missing usage estimated, and the finish reason by precedence (tool calls, the
 * backend's, max_tokens reached, stop). Also: the whole-answer and the stream paths of the
 * Workers AI backend end the same way for the same output.
 */
import { describe, expect, it } from "vitest";
import { inferFinish } from "../../../src/ai/providers/infer-finish";
import { workersAiBackend } from "../../../src/ai/providers/workers-ai/workers-ai-backend";
import type { ChatEvent, ChatRequest } from "../../../src/ai/types";
import { collectEvents } from "../../../src/chat/stream-utils";
import { fakeAi } from "../../helpers/fake-ai";

const bounds = { promptTokens: 12, maxTokens: undefined };
const reported = { usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } };

describe("inferFinish", () => {
  it.each([
    [
      "the backend's usage, as reported",
      { ...reported, finishReason: undefined, toolCalls: 0, textChars: 99 },
      bounds,
      reported.usage,
      "stop",
    ],
    [
      "a reported total of 0 is summed",
      { usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 0 }, finishReason: undefined, toolCalls: 0, textChars: 0 },
      bounds,
      { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
      "stop",
    ],
    [
      "no usage: prompt from the request's estimate, completion from the text (4 characters a token)",
      { usage: undefined, finishReason: undefined, toolCalls: 0, textChars: 9 },
      bounds,
      { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
      "stop",
    ],
    [
      "tool calls win over a reported reason",
      { ...reported, finishReason: "stop", toolCalls: 1, textChars: 0 },
      bounds,
      reported.usage,
      "tool_calls",
    ],
    [
      "the backend's reason when it gave one",
      { ...reported, finishReason: "content_filter", toolCalls: 0, textChars: 0 },
      bounds,
      reported.usage,
      "content_filter",
    ],
    [
      "length when the completion reached max_tokens and the backend did not say",
      { ...reported, finishReason: undefined, toolCalls: 0, textChars: 0 },
      { promptTokens: 0, maxTokens: 7 },
      reported.usage,
      "length",
    ],
    [
      "stop below max_tokens",
      { ...reported, finishReason: undefined, toolCalls: 0, textChars: 0 },
      { promptTokens: 0, maxTokens: 8 },
      reported.usage,
      "stop",
    ],
    [
      "the backend's stop even at max_tokens",
      { ...reported, finishReason: "stop", toolCalls: 0, textChars: 0 },
      { promptTokens: 0, maxTokens: 7 },
      reported.usage,
      "stop",
    ],
  ] as const)("%s", (_, end, limits, usage, reason) => {
    expect(inferFinish(end, limits)).toEqual({ usage, reason });
  });
});

describe("whole and streamed answers end alike", () => {
  const request: ChatRequest = {
    model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
    messages: [{ role: "user", content: "Count to ten." }],
    maxTokens: 4,
  };
  const text = "one two three four five";

  async function tail(output: unknown, stream: boolean): Promise<ChatEvent[]> {
    const events = await collectEvents(await workersAiBackend(fakeAi(output)).generate(request, { stream }));
    return events.filter((e) => e.type === "usage" || e.type === "finish");
  }

  it("without reported usage: the same estimate and `length` at max_tokens", async () => {
    const expected: ChatEvent[] = [
      // 13 characters of prompt + 16 of framing → 8 tokens; 23 characters of answer → 6.
      { type: "usage", usage: { prompt_tokens: 8, completion_tokens: 6, total_tokens: 14 } },
      { type: "finish", reason: "length" },
    ];
    expect(await tail({ response: text }, false)).toEqual(expected);
    expect(await tail(`data: ${JSON.stringify({ response: text })}\n\ndata: [DONE]\n\n`, true)).toEqual(expected);
  });
});
