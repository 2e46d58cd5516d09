/**
 * The run-creation body (`POST /threads/{id}/runs` and `POST /threads/runs`) → the fields
 * of a new RunObject, merged with the assistant's defaults as OpenAI does: the run's
 * `model`, `instructions`, `tools`, `temperature`, `top_p` and `response_format` override
 * the assistant's; `additional_instructions` are appended to the instructions.
 */
import { resolveModel } from "../../ai/registry/resolve-model";
import type { ModelAllowlist } from "../../keys/model-allowlist";
import type { ReasoningEffort, ToolDefinition } from "../../ai/types";
import { parseReasoningEffort } from "../../chat/parse-reasoning-effort";
import type { AssistantObject, AssistantTool, MessageObject, RunObject, RunToolChoice } from "../../wire/assistants";
import { parseToolChoice } from "../../chat/parse-tools";
import { SAMPLING_PARAMS, type SamplingRule, readSamplingParam } from "../../chat/sampling-params";
import type { Config } from "../../config";
import { invalidParam } from "../../http/errors";
import {
  asObject,
  missing,
  optionalArray,
  optionalBoolean,
  optionalMetadata,
  optionalNumber,
  optionalString,
  typeError,
} from "../../http/validate";
import { clock, nowSeconds } from "../../util/clock";
import { parseAssistantResponseFormat, parseNewMessages } from "./parse";
import { parseAssistantTools } from "./parse-tools";

/** How long a run may take (or wait for tool outputs) before it expires, as on OpenAI. */
export const RUN_TTL_SECONDS = 600;

/** Runs take `max_completion_tokens` only, and at least 256 (as `max_prompt_tokens`). */
const RUN_MAX_COMPLETION_TOKENS: SamplingRule = { ...SAMPLING_PARAMS.maxTokens, names: ["max_completion_tokens"], min: 256 };

export function parseRun(
  body: Record<string, unknown>,
  assistant: AssistantObject,
  threadId: string,
  config: Config,
  allowed?: ModelAllowlist,
): { run: RunObject; messages: MessageObject[]; reasoningEffort: ReasoningEffort | undefined } {
  const model = optionalString(body, "model") ?? assistant.model;
  resolveModel(model, "chat", config, allowed);
  const base = optionalString(body, "instructions") ?? assistant.instructions ?? "";
  const extra = optionalString(body, "additional_instructions");
  const tools = parseAssistantTools(body.tools) ?? assistant.tools;
  if (tools.length > 20 && body.tools !== undefined)
    throw invalidParam("tools", "Invalid 'tools': at most 20 tools per run.", "array_above_max_length");

  const now = nowSeconds();
  const run: RunObject = {
    id: clock().sortableId("run_"),
    object: "thread.run",
    created_at: now,
    thread_id: threadId,
    assistant_id: assistant.id,
    status: "queued",
    required_action: null,
    last_error: null,
    expires_at: now + RUN_TTL_SECONDS,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model,
    instructions: extra ? (base ? `${base}\n\n${extra}` : extra) : base,
    tools,
    metadata: optionalMetadata(body) ?? {},
    usage: null,
    temperature: readSamplingParam(body, SAMPLING_PARAMS.temperature) ?? assistant.temperature ?? null,
    top_p: readSamplingParam(body, SAMPLING_PARAMS.topP) ?? assistant.top_p ?? null,
    max_prompt_tokens: optionalNumber(body, "max_prompt_tokens", { integer: true, min: 256 }) ?? null,
    max_completion_tokens: readSamplingParam(body, RUN_MAX_COMPLETION_TOKENS) ?? null,
    truncation_strategy: parseTruncation(body.truncation_strategy),
    tool_choice: parseRunToolChoice(body.tool_choice, tools),
    parallel_tool_calls: optionalBoolean(body, "parallel_tool_calls") ?? true,
    response_format: parseAssistantResponseFormat(body.response_format) ?? assistant.response_format ?? "auto",
  };
  const additional = optionalArray(body, "additional_messages") ?? [];
  // OpenAI's cap; it also bounds the KV writes one request makes.
  if (additional.length > 32)
    throw invalidParam(
      "additional_messages",
      "Invalid 'additional_messages': at most 32 messages can be added when creating a run.",
      "array_above_max_length",
    );
  const messages = parseNewMessages(additional, threadId, "additional_messages");
  return { run, messages, reasoningEffort: parseReasoningEffort(body.reasoning_effort, "reasoning_effort") };
}

function parseTruncation(raw: unknown): RunObject["truncation_strategy"] {
  if (raw === undefined || raw === null) return { type: "auto", last_messages: null };
  const t = asObject(raw, "truncation_strategy");
  if (t.type === "auto") return { type: "auto", last_messages: null };
  if (t.type !== "last_messages") {
    throw invalidParam("truncation_strategy.type", `Invalid value: '${String(t.type)}'. Supported values are: 'auto' and 'last_messages'.`);
  }
  const n = optionalNumber(t, "last_messages", { integer: true, min: 1 }, "truncation_strategy.last_messages");
  if (n === undefined)
    throw invalidParam("truncation_strategy.last_messages", "'last_messages' is required when the truncation type is 'last_messages'.");
  return { type: "last_messages", last_messages: n };
}

/**
 * `tool_choice` read by the one parser chat uses, in the Assistants wire shape. Forcing
 * `file_search` is accepted (every turn with it searches anyway); `code_interpreter` cannot be
 * run, so forcing it is a 400.
 */
function parseRunToolChoice(raw: unknown, tools: readonly AssistantTool[]): RunToolChoice {
  const type = (raw as { type?: unknown } | null)?.type;
  if (type === "code_interpreter")
    throw invalidParam(
      "tool_choice.type",
      "The tool 'code_interpreter' cannot be run by ai-forwarder (there is no sandbox), so it cannot be forced with 'tool_choice'.",
      "unsupported_tool_choice",
    );
  if (type === "file_search") {
    if (!tools.some((t) => t.type === "file_search"))
      throw invalidParam("tool_choice", "Invalid 'tool_choice': 'file_search' is not one of the run's tools.");
    return { type: "file_search" };
  }
  const functions: Pick<ToolDefinition, "name">[] = tools.flatMap((t) => (t.type === "function" ? [t.function] : []));
  const choice = parseToolChoice(raw, functions) ?? "auto";
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}

/**
 * `tool_outputs` of a submit: one string output per awaited call id (`pending`), no
 * unknown ids, none missing.
 */
export function parseToolOutputs(body: Record<string, unknown>, pending: readonly string[]): Map<string, string> {
  const raw = optionalArray(body, "tool_outputs");
  if (!raw) throw missing("tool_outputs");
  const outputs = new Map<string, string>();
  raw.forEach((o, i) => {
    const item = asObject(o, `tool_outputs[${i}]`);
    const id = item.tool_call_id;
    if (typeof id !== "string") throw typeError(`tool_outputs[${i}].tool_call_id`, "a string", id);
    if (!pending.includes(id)) throw invalidParam(`tool_outputs[${i}].tool_call_id`, `No tool call found with id '${id}' awaiting output.`);
    const output = item.output ?? "";
    if (typeof output !== "string") throw typeError(`tool_outputs[${i}].output`, "a string", output);
    outputs.set(id, output);
  });
  const missingIds = pending.filter((id) => !outputs.has(id));
  if (missingIds.length > 0) {
    throw invalidParam(
      "tool_outputs",
      `Expected tool outputs for call_ids ${JSON.stringify(pending)}, got ${JSON.stringify([...outputs.keys()])}.`,
      "tool_outputs_missing",
    );
  }
  return outputs;
}
