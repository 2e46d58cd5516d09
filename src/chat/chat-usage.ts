/**
 * Canonical usage → chat completions' `usage` (OpenAI's `CompletionUsage`). Reasoning tokens
 * appear under `completion_tokens_details` only when the model reasoned, so answers without
 * reasoning keep their exact bytes.
 */
import type { Usage } from "../ai/types";

/** Chat completions' usage object. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  completion_tokens_details?: { reasoning_tokens: number };
}

/** The wire usage of a generation. */
export function chatUsage(usage: Usage): ChatUsage {
  const out: ChatUsage = {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens,
  };
  if (usage.reasoning_tokens !== undefined) out.completion_tokens_details = { reasoning_tokens: usage.reasoning_tokens };
  return out;
}
