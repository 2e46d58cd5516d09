/**
 * `POST /v1/moderations` over the moderation provider (Llama Guard 3 on Workers AI): each input
 * string is classified on its own (one call each, a few at a time) and its verdict rendered as
 * OpenAI's moderation result. Llama Guard gives categories, not probabilities: a category's
 * score is 1 when flagged and 0 otherwise. `flagged` is the model's own verdict, also when the
 * hazard has no OpenAI category (see providers/workers-ai/llama-guard-categories.ts).
 */
import { type ModerationProvider, type ModerationVerdict, OPENAI_CATEGORIES, type OpenAICategory } from "../../ai/providers/types";
import { newId } from "../../util/ids";
import { mapConcurrent } from "../../util/map-concurrent";
import type { ModerationRequest } from "./parse-moderation-request";

const CONCURRENCY = 4;

export interface ModerationResult {
  flagged: boolean;
  categories: Record<OpenAICategory, boolean>;
  category_scores: Record<OpenAICategory, number>;
  category_applied_input_types: Record<OpenAICategory, "text"[]>;
}

export interface ModerationResponse {
  id: string;
  model: string;
  results: ModerationResult[];
}

export async function createModeration(request: ModerationRequest, provider: ModerationProvider): Promise<ModerationResponse> {
  // Nothing to classify in an empty string.
  const verdicts = await mapConcurrent(request.texts, CONCURRENCY, (text) =>
    text.trim() === "" ? Promise.resolve({ flagged: false, categories: [] }) : provider.classify(request.model, text),
  );
  return { id: newId("modr-"), model: request.model.requested, results: verdicts.map(toResult) };
}

function toResult(verdict: ModerationVerdict): ModerationResult {
  const hit = new Set<OpenAICategory>(verdict.categories);
  const categories = {} as Record<OpenAICategory, boolean>;
  const scores = {} as Record<OpenAICategory, number>;
  const applied = {} as Record<OpenAICategory, "text"[]>;
  for (const c of OPENAI_CATEGORIES) {
    categories[c] = hit.has(c);
    scores[c] = hit.has(c) ? 1 : 0;
    applied[c] = ["text"];
  }
  return { flagged: verdict.flagged, categories, category_scores: scores, category_applied_input_types: applied };
}
