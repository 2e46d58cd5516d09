/**
 * A `POST /v1/responses` body → the canonical generation settings (a ChatRequest without
 * its messages, which the service builds once the stored history is known) plus the
 * response options: storage, chaining, streaming and every field the response echoes.
 * Fields OpenAI accepts that do not change generation here are validated and echoed.
 */
import { type ResolvedModel, resolveModel } from "../ai/registry/resolve-model";
import type { ModelAllowlist } from "../keys/model-allowlist";
import { routeForContent } from "../ai/registry/route-capabilities";
import { REASONING_EFFORTS, type ChatRequest } from "../ai/types";
import type { Config } from "../config";
import { invalidParam } from "../http/errors";
import {
  asObject,
  optionalArray,
  optionalBoolean,
  optionalMetadata,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
  typeError,
} from "../http/validate";
import type { InputItem, Metadata, TextFormat, ToolChoiceEcho } from "../wire/responses";
import { type IdSource, parseTurnInput } from "./parse-input";
import { type ParsedTools, parseResponseToolChoice, parseResponseTools, parseTextFormat } from "./parse-tools";

export interface ParsedResponseRequest {
  model: ResolvedModel<"chat">;
  /** Generation settings; `messages` are filled in by the service. */
  settings: Omit<ChatRequest, "messages">;
  /** This turn's input items, with fresh ids (references are resolved by the service). */
  input: InputItem[];
  instructions: string | null;
  previousResponseId: string | null;
  /** A `conv_…` conversation or an Assistants `thread_…`. */
  conversationId: string | null;
  store: boolean;
  background: boolean;
  stream: boolean;
  metadata: Metadata;
  maxOutputTokens: number | null;
  maxToolCalls: number | null;
  tools: ParsedTools;
  /** `include: ["file_search_call.results"]`: file_search_call items carry their results. */
  includeSearchResults: boolean;
  toolChoice: ToolChoiceEcho;
  textFormat: TextFormat;
  verbosity: string;
  reasoning: { effort: string | null; summary: string | null };
  temperature: number;
  topP: number;
  parallelToolCalls: boolean;
  truncation: "auto" | "disabled";
  serviceTier: string;
  promptCacheKey: string | null;
  safetyIdentifier: string | null;
  user: string | undefined;
}

/** OpenAI's `include` values (IncludeEnum); only `file_search_call.results` changes what this Worker returns. */
const INCLUDABLE = [
  "file_search_call.results",
  "web_search_call.results",
  "web_search_call.action.sources",
  "message.input_image.image_url",
  "computer_call_output.output.image_url",
  "code_interpreter_call.outputs",
  "reasoning.encrypted_content",
  "message.output_text.logprobs",
];
const SUMMARIES = ["auto", "concise", "detailed"];
const TIERS = ["auto", "default", "flex", "scale", "priority"];
const VERBOSITY = ["low", "medium", "high"];

export function parseResponseRequest(
  body: Record<string, unknown>,
  config: Config,
  newId: IdSource,
  allowed?: ModelAllowlist,
): ParsedResponseRequest {
  const named = resolveModel(requiredString(body, "model"), "chat", config, allowed);
  const input = parseTurnInput(body.input, newId);
  const model = routeForContent(named, { images: input.some(hasImage) }, config);
  const instructions = optionalString(body, "instructions") ?? null;
  const previousResponseId = optionalString(body, "previous_response_id") ?? null;
  const conversationId = parseConversationParam(body.conversation);
  if (previousResponseId && conversationId)
    throw invalidParam(
      "conversation",
      "Mutually exclusive parameters: 'previous_response_id' and 'conversation' cannot both be set.",
      "mutually_exclusive_parameters",
    );
  if (input.length === 0 && !previousResponseId && !conversationId)
    throw invalidParam("input", "Missing required parameter: 'input'.", "missing_required_parameter");

  const store = optionalBoolean(body, "store") ?? true;
  const background = optionalBoolean(body, "background") ?? false;
  if (background && !store)
    throw invalidParam("background", "Background responses must be stored: set 'store' to true or leave it out.", "invalid_value");
  if (conversationId && !store)
    throw invalidParam(
      "store",
      "Responses in a conversation are stored: 'store: false' cannot be used with 'conversation'.",
      "invalid_value",
    );
  const stream = optionalBoolean(body, "stream") ?? false;
  optionalObject(body, "stream_options");

  const tools = parseResponseTools(body.tools);
  const choice = parseResponseToolChoice(body.tool_choice, tools);
  const text = optionalObject(body, "text") ?? {};
  const format = parseTextFormat(text.format);
  const verbosity = pick(text.verbosity, VERBOSITY, "text.verbosity") ?? "medium";
  const maxOutputTokens = optionalNumber(body, "max_output_tokens", { integer: true, min: 16 }) ?? null;
  const maxToolCalls = optionalNumber(body, "max_tool_calls", { integer: true, min: 0 }) ?? null;
  const temperature = optionalNumber(body, "temperature", { min: 0, max: 2 });
  const topP = optionalNumber(body, "top_p", { min: 0, max: 1 });
  const parallelToolCalls = optionalBoolean(body, "parallel_tool_calls") ?? true;
  optionalNumber(body, "top_logprobs", { integer: true, min: 0, max: 20 });
  const include = optionalArray(body, "include") ?? [];
  include.forEach((v, i) => {
    if (typeof v !== "string") throw typeError(`include[${i}]`, "a string", v);
    if (!INCLUDABLE.includes(v))
      throw invalidParam(`include[${i}]`, `Invalid value: '${v}'. Supported values are: ${INCLUDABLE.map((x) => `'${x}'`).join(", ")}.`);
  });
  const reasoning = optionalObject(body, "reasoning") ?? {};
  const effort = pick(reasoning.effort, REASONING_EFFORTS, "reasoning.effort");

  const functions = choice.allowed ? tools.functions.filter((f) => choice.allowed?.includes(f.name)) : tools.functions;
  const settings: Omit<ChatRequest, "messages"> = { model: model.model, maxTokens: maxOutputTokens ?? config.defaultMaxTokens };
  if (temperature !== undefined) settings.temperature = temperature;
  if (topP !== undefined) settings.topP = topP;
  if (functions.length > 0 && maxToolCalls !== 0) {
    settings.tools = functions;
    if (choice.choice !== undefined) settings.toolChoice = choice.choice;
    if (!parallelToolCalls) settings.parallelToolCalls = false;
  }
  if (format.format) settings.responseFormat = format.format;
  const reasoningEffort = effort ?? model.defaultEffort;
  if (reasoningEffort !== undefined) settings.reasoningEffort = reasoningEffort;

  return {
    model,
    settings,
    input,
    instructions,
    previousResponseId,
    conversationId,
    store,
    background,
    stream,
    metadata: optionalMetadata(body) ?? {},
    maxOutputTokens,
    maxToolCalls,
    tools,
    includeSearchResults: include.includes("file_search_call.results"),
    toolChoice: choice.echo,
    textFormat: format.echo,
    verbosity,
    reasoning: {
      effort: effort ?? null,
      summary: pick(reasoning.summary ?? reasoning.generate_summary, SUMMARIES, "reasoning.summary") ?? null,
    },
    temperature: temperature ?? 1,
    topP: topP ?? 1,
    parallelToolCalls,
    truncation: pick(body.truncation, ["auto", "disabled"], "truncation") ?? "disabled",
    serviceTier:
      pick(body.service_tier, TIERS, "service_tier") === "auto" ? "default" : (pick(body.service_tier, TIERS, "service_tier") ?? "default"),
    promptCacheKey: optionalString(body, "prompt_cache_key") ?? null,
    safetyIdentifier: optionalString(body, "safety_identifier") ?? null,
    user: optionalString(body, "user"),
  };
}

function hasImage(item: InputItem): boolean {
  return item.type === "message" && item.role !== "assistant" && item.content.some((p) => p.type === "input_image");
}

/** `conversation`: an id string or `{id}`. */
export function parseConversationParam(raw: unknown, param = "conversation"): string | null {
  if (raw === undefined || raw === null) return null;
  const id = typeof raw === "string" ? raw : asObject(raw, param).id;
  const path = typeof raw === "string" ? param : `${param}.id`;
  if (typeof id !== "string") throw typeError(path, "a string", id);
  if (!/^(conv|thread)_[A-Za-z0-9_-]{1,128}$/.test(id))
    throw invalidParam(
      path,
      `Invalid '${path}': '${id}'. Expected an ID that begins with 'conv' (or an Assistants 'thread_' id).`,
      "invalid_value",
    );
  return id;
}

function pick<T extends string>(raw: unknown, allowed: readonly T[], param: string): T | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string" || !allowed.includes(raw as T))
    throw invalidParam(param, `Invalid value: '${String(raw)}'. Supported values are: ${allowed.map((a) => `'${a}'`).join(", ")}.`);
  return raw as T;
}
