/**
 * A `POST /v1/chat/completions` body → the canonical ChatRequest plus the rendering
 * options. Validation follows OpenAI's wording and puts the field in `param`. Parameters
 * Workers AI cannot honour are refused with a 400, never silently ignored.
 */
import type { Config } from "../config";
import { invalidParam } from "../http/errors";
import {
  optionalArray,
  optionalBoolean,
  optionalMetadata,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
  typeError,
  arrayTooLong,
} from "../http/validate";
import { type ResolvedModel, resolveModel } from "../ai/registry/resolve-model";
import type { ModelAllowlist } from "../keys/model-allowlist";
import { routeForContent } from "../ai/registry/route-capabilities";
import type { ChatRequest } from "../ai/types";
import { hasImages, parseMessages } from "./parse-messages";
import { parseReasoningEffort } from "./parse-reasoning-effort";
import { parseStreamOptions } from "./parse-stream-options";
import { parseResponseFormat, parseToolChoice, parseTools } from "./parse-tools";
import { type SamplingParam, readSamplingParams } from "./sampling-params";

export interface ParsedChatRequest {
  request: ChatRequest;
  model: ResolvedModel<"chat">;
  stream: boolean;
  includeUsage: boolean;
}

/** Fields accepted for compatibility that do not change generation here. */
// user, metadata, store, service_tier, verbosity, prompt_cache_key, safety_identifier

/** The sampling parameters chat completions take. */
const CHAT_SAMPLING = [
  "temperature",
  "topP",
  "maxTokens",
  "seed",
  "frequencyPenalty",
  "presencePenalty",
] as const satisfies readonly SamplingParam[];

export function parseChatRequest(body: Record<string, unknown>, config: Config, allowed?: ModelAllowlist): ParsedChatRequest {
  const requested = resolveModel(requiredString(body, "model"), "chat", config, allowed);
  const messages = parseMessages(body.messages);
  const model = routeForContent(requested, { images: hasImages(messages) }, config);
  rejectUnsupported(body);

  const n = optionalNumber(body, "n", { integer: true, min: 1, max: 128 });
  if (n !== undefined && n !== 1)
    throw invalidParam("n", "ai-forwarder supports only n=1 (Workers AI returns one choice per request).", "unsupported_value");

  const tools = parseTools(body.tools);
  const toolChoice = parseToolChoice(body.tool_choice, tools);
  const responseFormat = parseResponseFormat(body.response_format);
  const { maxTokens, ...sampling } = readSamplingParams(body, CHAT_SAMPLING);
  optionalString(body, "user");
  optionalMetadata(body);
  const { stream, includeUsage } = parseStreamOptions(body);

  const request: ChatRequest = {
    model: model.model,
    messages,
    maxTokens: maxTokens ?? config.defaultMaxTokens,
    stop: parseStop(body.stop),
    ...sampling,
  };
  if (tools?.length) request.tools = tools;
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  const parallel = optionalBoolean(body, "parallel_tool_calls");
  if (parallel !== undefined) request.parallelToolCalls = parallel;
  if (responseFormat && responseFormat.type !== "text") request.responseFormat = responseFormat;
  const effort = parseReasoningEffort(body.reasoning_effort, "reasoning_effort") ?? model.defaultEffort;
  if (effort !== undefined) request.reasoningEffort = effort;

  checkCapabilities(request, model);
  return { request, model, stream, includeUsage };
}

export function parseStop(raw: unknown, param = "stop"): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const list = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(list)) throw typeError(param, "a string or an array of strings", raw);
  if (list.length > 4) throw arrayTooLong(param, 4, list.length);
  for (const [i, s] of list.entries()) if (typeof s !== "string") throw typeError(`${param}[${i}]`, "a string", s);
  const stops = (list as string[]).filter((s) => s.length > 0);
  return stops.length > 0 ? stops : undefined;
}

function rejectUnsupported(body: Record<string, unknown>): void {
  if (body.logprobs === true || (body.top_logprobs !== undefined && body.top_logprobs !== null)) {
    throw invalidParam(
      body.logprobs === true ? "logprobs" : "top_logprobs",
      "logprobs are not available on Workers AI models; remove 'logprobs' and 'top_logprobs'.",
      "unsupported_parameter",
    );
  }
  const modalities = optionalArray(body, "modalities");
  if ((body.audio !== undefined && body.audio !== null) || modalities?.includes("audio")) {
    throw invalidParam(
      body.audio ? "audio" : "modalities",
      "Audio output is not supported by ai-forwarder's chat completions.",
      "unsupported_parameter",
    );
  }
  const bias = optionalObject(body, "logit_bias");
  if (bias && Object.keys(bias).length > 0)
    throw invalidParam("logit_bias", "logit_bias is not supported by Workers AI models.", "unsupported_parameter");
  for (const key of ["prediction", "web_search_options", "functions", "function_call"]) {
    if (body[key] !== undefined && body[key] !== null) {
      throw invalidParam(
        key,
        `'${key}' is not supported by ai-forwarder${key.startsWith("function") ? "; use 'tools' and 'tool_choice'" : ""}.`,
        "unsupported_parameter",
      );
    }
  }
}

function checkCapabilities(request: ChatRequest, model: ResolvedModel<"chat">): void {
  const can = model.capabilities;
  if (!can) return; // Uncatalogued ids: the provider itself judges the request.
  if (hasImages(request.messages) && !can.vision) {
    throw invalidParam("messages", `The model \`${model.requested}\` (${model.model}) does not accept images.`, "model_not_vision_capable");
  }
  if (request.tools?.length && request.toolChoice !== "none" && !can.tools) {
    throw invalidParam(
      "tools",
      `The model \`${model.requested}\` (${model.model}) does not support function calling.`,
      "tools_not_supported",
    );
  }
  if (request.responseFormat && !can.json) {
    throw invalidParam(
      "response_format",
      `The model \`${model.requested}\` (${model.model}) does not support JSON mode.`,
      "json_mode_not_supported",
    );
  }
}
