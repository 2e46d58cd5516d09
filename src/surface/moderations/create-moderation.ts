/**
 * `POST /v1/moderations` over Llama Guard 3: each input string is classified on its own (one
 * Workers AI call each, a few at a time) and its verdict rendered as OpenAI's moderation
 * result. Llama Guard gives categories, not probabilities: a category's score is 1 when
 * flagged and 0 otherwise. `flagged` is Llama Guard's own verdict (unsafe), also when the
 * hazard has no OpenAI category (see llama-guard-categories.ts).
 */
import { getAiRunner } from "../../ai/backend";
import { resolveSurfaceModel } from "../../ai/resolve-surface-model";
import { type GuardVerdict, runLlamaGuard } from "../../ai/workers-ai/run-llama-guard";
import type { AppContext } from "../../api/context";
import { invalidParam } from "../../http/errors";
import { emptyArray, asObject, missing, optionalString, typeError } from "../../http/validate";
import { newId } from "../../util/ids";
import { mapConcurrent } from "../../util/map-concurrent";
import { LLAMA_GUARD_CATEGORIES, OPENAI_CATEGORIES, type OpenAICategory, categoryCode } from "./llama-guard-categories";

/** Inputs per request: each is a Workers AI call, and a Worker may make 50 subrequests on the Free plan. */
export const MAX_MODERATION_INPUTS = 32;
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

export async function createModeration(
  body: Record<string, unknown>,
  ctx: AppContext,
): Promise<{ response: ModerationResponse; modelId: string }> {
  const texts = parseInput(body.input);
  const model = resolveSurfaceModel("moderation", optionalString(body, "model") ?? "omni-moderation-latest", ctx.config);
  const verdicts = await classify(texts, model.id, ctx);
  return { response: { id: newId("modr-"), model: model.requested, results: verdicts.map(toResult) }, modelId: model.id };
}

async function classify(texts: string[], model: string, ctx: AppContext): Promise<GuardVerdict[]> {
  const ai = getAiRunner(ctx.env);
  // Nothing to classify in an empty string.
  return mapConcurrent(texts, CONCURRENCY, (text) =>
    text.trim() === "" ? Promise.resolve({ safe: true, categories: [] }) : runLlamaGuard(ai, model, text),
  );
}

/** A string, an array of strings (one result each), or an array of content parts (one result). */
function parseInput(raw: unknown): string[] {
  if (raw === undefined || raw === null) throw missing("input");
  if (typeof raw === "string") return [raw];
  if (!Array.isArray(raw)) throw typeError("input", "a string or an array", raw);
  if (raw.length === 0) throw emptyArray("input");
  if (raw.every((v) => typeof v === "string")) {
    if (raw.length > MAX_MODERATION_INPUTS) {
      throw invalidParam(
        "input",
        `Invalid 'input': array too long. ai-forwarder classifies at most ${MAX_MODERATION_INPUTS} strings per request, but got ${raw.length}.`,
        "array_above_max_length",
      );
    }
    return raw as string[];
  }
  if (raw.some((v) => typeof v === "string")) {
    const bad = raw.findIndex((v) => typeof v !== "string");
    throw typeError(`input[${bad}]`, "a string", raw[bad]);
  }
  const parts = raw.map((p, i) => {
    const part = asObject(p, `input[${i}]`);
    if (part.type === "image_url")
      throw invalidParam(`input[${i}]`, "Llama Guard 3 classifies text only; image inputs are not supported.", "unsupported_input_type");
    if (part.type !== "text")
      throw invalidParam(`input[${i}].type`, `Invalid value: '${String(part.type)}'. Supported values are: 'text' and 'image_url'.`);
    if (typeof part.text !== "string") throw typeError(`input[${i}].text`, "a string", part.text);
    return part.text;
  });
  return [parts.join("\n")];
}

function toResult(verdict: GuardVerdict): ModerationResult {
  const hit = new Set<OpenAICategory>();
  for (const raw of verdict.categories) {
    const code = categoryCode(raw);
    if (code) for (const c of LLAMA_GUARD_CATEGORIES[code].openai) hit.add(c);
  }
  const categories = {} as Record<OpenAICategory, boolean>;
  const scores = {} as Record<OpenAICategory, number>;
  const applied = {} as Record<OpenAICategory, "text"[]>;
  for (const c of OPENAI_CATEGORIES) {
    categories[c] = hit.has(c);
    scores[c] = hit.has(c) ? 1 : 0;
    applied[c] = ["text"];
  }
  return { flagged: !verdict.safe, categories, category_scores: scores, category_applied_input_types: applied };
}
