/**
 * How a generation ended, from what the backend reported: the one place that fills in usage
 * a backend left out (estimated, never zero) and picks the finish reason. Used alike for a
 * whole answer and at the end of a stream, so both report the same for the same output.
 */
import { tokensForChars } from "../../util/estimate-tokens";
import type { FinishReason, Usage } from "../types";

/** What the backend said, and what the answer held. */
export interface ReportedEnd {
  usage: Usage | undefined;
  /** Only set when the backend said why it stopped. */
  finishReason: FinishReason | undefined;
  toolCalls: number;
  /** Characters of answer text; estimate completion tokens when usage is missing. */
  textChars: number;
  /** Characters of reasoning: part of the completion, and of its reasoning tokens. */
  reasoningChars?: number;
}

/** What the request said that bears on the end. */
export interface RequestBounds {
  /** Estimated prompt tokens, used only if the backend reports no usage. */
  promptTokens: number;
  /** To tell "length" from "stop" when the backend does not say. */
  maxTokens: number | undefined;
}

/**
 * Usage: the backend's, with a missing total summed; else estimated (thinking counts as
 * completion). Reasoning tokens: the backend's count, else estimated from the reasoning text;
 * left out when the model did not reason. Finish reason:
 * `tool_calls` whenever the answer calls tools, else the backend's, else `length` when the
 * completion reached max_tokens, else `stop`.
 */
export function inferFinish(reported: ReportedEnd, bounds: RequestBounds): { usage: Usage; reason: FinishReason } {
  const prompt = reported.usage?.prompt_tokens ?? bounds.promptTokens;
  const completion = reported.usage?.completion_tokens ?? tokensForChars(reported.textChars + (reported.reasoningChars ?? 0));
  const usage: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: reported.usage?.total_tokens || prompt + completion,
  };
  const reasoning = reported.usage?.reasoning_tokens || tokensForChars(reported.reasoningChars ?? 0);
  if (reasoning > 0) usage.reasoning_tokens = Math.min(reasoning, completion);
  return { usage, reason: finishReason(reported, completion, bounds.maxTokens) };
}

function finishReason(reported: ReportedEnd, completionTokens: number, maxTokens: number | undefined): FinishReason {
  if (reported.toolCalls > 0) return "tool_calls";
  if (reported.finishReason) return reported.finishReason;
  return maxTokens !== undefined && completionTokens >= maxTokens ? "length" : "stop";
}
