/**
 * Usage from any of Workers AI's output formats (chat: prompt/completion tokens and
 * `completion_tokens_details.reasoning_tokens`; Responses: input/output tokens and
 * `output_tokens_details.reasoning_tokens`). When the backend reports none, infer-finish.ts
 * estimates it rather than reporting zero.
 */
import type { Usage } from "../../types";

export function readUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const u = raw as Record<string, unknown>;
  const prompt = num(u.prompt_tokens) ?? num(u.input_tokens);
  const completion = num(u.completion_tokens) ?? num(u.output_tokens);
  if (prompt === undefined && completion === undefined) return undefined;
  const p = prompt ?? 0;
  const c = completion ?? 0;
  const usage: Usage = { prompt_tokens: p, completion_tokens: c, total_tokens: num(u.total_tokens) ?? p + c };
  const details = (u.completion_tokens_details ?? u.output_tokens_details) as Record<string, unknown> | null | undefined;
  const reasoning = num(details?.reasoning_tokens);
  if (reasoning) usage.reasoning_tokens = reasoning;
  return usage;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}
