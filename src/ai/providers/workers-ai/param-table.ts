/**
 * Generation parameters as data: how each canonical ChatRequest field is named and bounded
 * on Workers AI. OpenAI-side ranges are validated when parsing; this table only renames and
 * clamps to what Workers AI's schemas accept, so a value OpenAI allows is never rejected
 * upstream. `temperature: 0` stays 0.
 */
import type { SamplingParam } from "../../../chat/sampling-params";
import type { ChatRequest } from "../../types";

interface ParamRule {
  /** Workers AI input field. */
  wire: string;
  min?: number;
  max?: number;
}

// Ranges from the Workers AI text-generation input schemas (e.g. llama-3.3-70b: temperature 0–5,
// top_p 0.001–1 (so OpenAI's top_p 0 is clamped up), seed 1–9999999999, penalties −2–2).
export const PARAM_TABLE = {
  temperature: { wire: "temperature", min: 0, max: 5 },
  topP: { wire: "top_p", min: 0.001, max: 1 },
  maxTokens: { wire: "max_tokens", min: 1 },
  seed: { wire: "seed", min: 1, max: 9_999_999_999 },
  frequencyPenalty: { wire: "frequency_penalty", min: -2, max: 2 },
  presencePenalty: { wire: "presence_penalty", min: -2, max: 2 },
} as const satisfies Record<SamplingParam, ParamRule>;

/** The Workers AI fields for the numeric parameters present on the request. */
export function mapGenerationParams(request: ChatRequest): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, rule] of Object.entries(PARAM_TABLE) as [SamplingParam, ParamRule][]) {
    const value = request[key];
    if (value === undefined) continue;
    out[rule.wire] = Math.min(rule.max ?? Infinity, Math.max(rule.min ?? -Infinity, value));
  }
  return out;
}
