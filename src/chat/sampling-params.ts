/**
 * Sampling parameters as data: each canonical ChatRequest field with the OpenAI body
 * name(s) it is read from, its type and OpenAI's range. Chat completions, legacy
 * completions, Assistants and runs all read their sampling parameters through this table
 * (a surface may narrow a row, e.g. runs' `max_completion_tokens` minimum of 256), so a
 * name or a range is written once. Each provider maps the same canonical fields to its wire
 * names in its own table keyed by `SamplingParam` (Workers AI: `param-table.ts`).
 */
import type { ChatRequest } from "../ai/types";
import { optionalNumber } from "../http/validate";

/** The ChatRequest fields that are sampling parameters. */
export type SamplingParam = "temperature" | "topP" | "maxTokens" | "seed" | "frequencyPenalty" | "presencePenalty";

/** How one sampling parameter is read from an OpenAI request body. */
export interface SamplingRule {
  /** OpenAI body names, in precedence order (a later one is a deprecated alias). */
  names: readonly string[];
  integer?: boolean;
  min?: number;
  max?: number;
}

/** OpenAI's names and ranges (chat completions reference). */
export const SAMPLING_PARAMS = {
  temperature: { names: ["temperature"], min: 0, max: 2 },
  topP: { names: ["top_p"], min: 0, max: 1 },
  maxTokens: { names: ["max_completion_tokens", "max_tokens"], integer: true, min: 1 },
  seed: { names: ["seed"], integer: true },
  frequencyPenalty: { names: ["frequency_penalty"], min: -2, max: 2 },
  presencePenalty: { names: ["presence_penalty"], min: -2, max: 2 },
} as const satisfies Record<SamplingParam, SamplingRule>;

/** One parameter by its rule: the first of its names present, validated; undefined when absent. */
export function readSamplingParam(body: Record<string, unknown>, rule: SamplingRule): number | undefined {
  for (const name of rule.names) {
    const value = optionalNumber(body, name, rule);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The listed parameters present in `body`, as ChatRequest fields. */
export function readSamplingParams<K extends SamplingParam>(
  body: Record<string, unknown>,
  params: readonly K[],
  rules: Partial<Record<SamplingParam, SamplingRule>> = {},
): Pick<ChatRequest, K> {
  const out: Partial<Pick<ChatRequest, SamplingParam>> = {};
  for (const param of params) {
    const value = readSamplingParam(body, rules[param] ?? SAMPLING_PARAMS[param]);
    if (value !== undefined) out[param] = value;
  }
  return out as Pick<ChatRequest, K>;
}
