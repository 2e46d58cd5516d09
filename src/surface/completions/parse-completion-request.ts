/**
 * A legacy `POST /v1/completions` body → one canonical ChatRequest per prompt (the prompt as
 * the single user message) plus rendering options. Legacy names (`gpt-3.5-turbo-instruct`,
 * `davinci-002`, `babbage-002`) run on DEFAULT_AI_MODEL. What Workers AI cannot do is refused:
 * `suffix` (fill-in-the-middle), token prompts, logprobs, `best_of` and `n` above 1.
 */
import type { Config } from "../../config";
import { type ResolvedModel, resolveModel } from "../../ai/registry/resolve-model";
import type { ModelAllowlist } from "../../keys/model-allowlist";
import type { ChatRequest } from "../../ai/types";
import { parseStop } from "../../chat/parse-chat-request";
import { parseStreamOptions } from "../../chat/parse-stream-options";
import { SAMPLING_PARAMS, type SamplingParam, type SamplingRule, readSamplingParams } from "../../chat/sampling-params";
import { invalidParam } from "../../http/errors";
import {
  emptyArray,
  missing,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
  typeError,
} from "../../http/validate";

/** Prompts per request: each is a Workers AI call (a Worker may make 50 subrequests on the Free plan). */
export const MAX_PROMPTS = 16;
/** OpenAI's default `max_tokens` for legacy completions. */
export const DEFAULT_COMPLETION_MAX_TOKENS = 16;

/** The sampling parameters legacy completions take. */
const COMPLETION_SAMPLING = [
  "maxTokens",
  "temperature",
  "topP",
  "seed",
  "frequencyPenalty",
  "presencePenalty",
] as const satisfies readonly SamplingParam[];

/** Legacy completions name it `max_tokens` only, and allow 0 (then only the echo is returned). */
const COMPLETION_MAX_TOKENS: SamplingRule = { ...SAMPLING_PARAMS.maxTokens, names: ["max_tokens"], min: 0 };

export interface CompletionRequest {
  model: ResolvedModel<"chat">;
  prompts: string[];
  /** The generation request for prompt `i`. */
  requests: ChatRequest[];
  echo: boolean;
  stream: boolean;
  includeUsage: boolean;
}

export function parseCompletionRequest(body: Record<string, unknown>, config: Config, allowed?: ModelAllowlist): CompletionRequest {
  const model = resolveModel(requiredString(body, "model"), "chat", config, allowed);
  const prompts = parsePrompt(body.prompt);
  rejectUnsupported(body);

  const { maxTokens, ...sampling } = readSamplingParams(body, COMPLETION_SAMPLING, { maxTokens: COMPLETION_MAX_TOKENS });
  const stop = parseStop(body.stop);
  const template: Omit<ChatRequest, "messages"> = {
    model: model.model,
    maxTokens: maxTokens ?? DEFAULT_COMPLETION_MAX_TOKENS,
    ...(stop ? { stop } : {}),
    ...sampling,
  };
  optionalString(body, "user");
  const { stream, includeUsage } = parseStreamOptions(body);

  return {
    model,
    prompts,
    requests: prompts.map((prompt) => ({ ...template, messages: [{ role: "user", content: prompt }] })),
    echo: optionalBoolean(body, "echo") ?? false,
    stream,
    includeUsage,
  };
}

function parsePrompt(raw: unknown): string[] {
  if (raw === undefined || raw === null) throw missing("prompt");
  if (typeof raw === "string") return [raw];
  if (!Array.isArray(raw)) throw typeError("prompt", "a string or an array of strings", raw);
  if (raw.length === 0) throw emptyArray("prompt");
  if (raw.every((p) => Number.isInteger(p)) || raw.every((p) => Array.isArray(p))) {
    throw invalidParam(
      "prompt",
      "Token prompts are not supported: Workers AI models do not use OpenAI's tokenizer. Send the prompt as a string or an array of strings.",
      "unsupported_input_type",
    );
  }
  const bad = raw.findIndex((p) => typeof p !== "string");
  if (bad !== -1) throw typeError(`prompt[${bad}]`, "a string", raw[bad]);
  if (raw.length > MAX_PROMPTS) {
    throw invalidParam(
      "prompt",
      `Invalid 'prompt': array too long. ai-forwarder completes at most ${MAX_PROMPTS} prompts per request, but got ${raw.length}.`,
      "array_above_max_length",
    );
  }
  return raw as string[];
}

function rejectUnsupported(body: Record<string, unknown>): void {
  const unsupported = (param: string, message: string) => invalidParam(param, message, "unsupported_parameter");
  const suffix = optionalString(body, "suffix");
  if (suffix)
    throw unsupported(
      "suffix",
      "'suffix' (fill-in-the-middle insertion) is not supported: Workers AI models complete text only at its end.",
    );
  const n = optionalNumber(body, "n", { integer: true, min: 1, max: 128 });
  if (n !== undefined && n !== 1) throw unsupported("n", "ai-forwarder supports only n=1 (Workers AI returns one completion per request).");
  const bestOf = optionalNumber(body, "best_of", { integer: true, min: 0, max: 20 });
  if (bestOf !== undefined && bestOf > 1)
    throw unsupported("best_of", "'best_of' needs log probabilities, which Workers AI models do not return.");
  if (optionalNumber(body, "logprobs", { integer: true, min: 0, max: 5 }) !== undefined) {
    throw unsupported("logprobs", "logprobs are not available on Workers AI models; remove 'logprobs'.");
  }
  const bias = optionalObject(body, "logit_bias");
  if (bias && Object.keys(bias).length > 0) throw unsupported("logit_bias", "logit_bias is not supported by Workers AI models.");
}
