/**
 * Finished generations → OpenAI's legacy `text_completion` object: one choice per prompt
 * (with the prompt in front when `echo`), usage summed over prompts.
 */
import type { FinishReason, Usage } from "../../ai/types";
import type { Generation } from "../../chat/render-completion";
import { clock, nowSeconds } from "../../util/clock";

export type LegacyFinishReason = "stop" | "length" | "content_filter";

export interface TextCompletionChoice {
  text: string;
  index: number;
  logprobs: null;
  finish_reason: LegacyFinishReason | null;
}

export interface TextCompletion {
  id: string;
  object: "text_completion";
  created: number;
  model: string;
  choices: TextCompletionChoice[];
  usage?: Usage;
}

/** Legacy completions have no tool calls; a tool-call finish (impossible without tools) reads as a stop. */
export function legacyFinishReason(reason: FinishReason): LegacyFinishReason {
  return reason === "tool_calls" ? "stop" : reason;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

export const NO_USAGE: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

export function renderTextCompletion(
  generations: readonly Generation[],
  prompts: readonly string[],
  echo: boolean,
  model: string,
): TextCompletion {
  return {
    id: clock().id("cmpl-"),
    object: "text_completion",
    created: nowSeconds(),
    model,
    choices: generations.map((g, index) => ({
      text: (echo ? (prompts[index] ?? "") : "") + g.text,
      index,
      logprobs: null,
      finish_reason: legacyFinishReason(g.finishReason),
    })),
    usage: generations.reduce((sum, g) => addUsage(sum, g.usage), NO_USAGE),
  };
}
