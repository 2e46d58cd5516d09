/**
 * The run-creation body (`POST /threads/{id}/runs` and `POST /threads/runs`) → the fields
 * of a new RunObject, merged with the assistant's defaults as OpenAI does: the run's
 * `model`, `instructions`, `tools`, `temperature`, `top_p` and `response_format` override
 * the assistant's; `additional_instructions` are appended to the instructions.
 */
import { resolveModel } from "../../ai/registry/resolve-model";
import type { Config } from "../../config";
import { invalidParam } from "../../http/errors";
import { asObject, optionalArray, optionalBoolean, optionalMetadata, optionalNumber, optionalString, typeError } from "../../http/validate";
import { newUserMessage, nowSeconds } from "../../assistants/objects";
import type { AssistantObject, MessageObject, RunObject, RunToolChoice } from "../../assistants/types";
import { newSortableId } from "../../util/ids";
import { parseAssistantResponseFormat, parseAssistantTools, parseAttachments, parseMessageContent, parseRole } from "./parse";

/** How long a run may take (or wait for tool outputs) before it expires, as on OpenAI. */
export const RUN_TTL_SECONDS = 600;

export function parseRun(
  body: Record<string, unknown>,
  assistant: AssistantObject,
  threadId: string,
  config: Config,
): { run: RunObject; messages: MessageObject[] } {
  const model = optionalString(body, "model") ?? assistant.model;
  resolveModel(model, "chat", config);
  const base = optionalString(body, "instructions") ?? assistant.instructions ?? "";
  const extra = optionalString(body, "additional_instructions");
  const tools = parseAssistantTools(body.tools) ?? assistant.tools;
  if (tools.length > 20 && body.tools !== undefined)
    throw invalidParam("tools", "Invalid 'tools': at most 20 tools per run.", "array_above_max_length");

  const now = nowSeconds();
  const run: RunObject = {
    id: newSortableId("run_"),
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
    temperature: optionalNumber(body, "temperature", { min: 0, max: 2 }) ?? assistant.temperature ?? null,
    top_p: optionalNumber(body, "top_p", { min: 0, max: 1 }) ?? assistant.top_p ?? null,
    max_prompt_tokens: optionalNumber(body, "max_prompt_tokens", { integer: true, min: 256 }) ?? null,
    max_completion_tokens: optionalNumber(body, "max_completion_tokens", { integer: true, min: 256 }) ?? null,
    truncation_strategy: parseTruncation(body.truncation_strategy),
    tool_choice: parseRunToolChoice(
      body.tool_choice,
      tools.map((t) => t.function.name),
    ),
    parallel_tool_calls: optionalBoolean(body, "parallel_tool_calls") ?? true,
    response_format: parseAssistantResponseFormat(body.response_format) ?? assistant.response_format ?? "auto",
  };
  const messages = (optionalArray(body, "additional_messages") ?? []).map((m, i) => {
    const path = `additional_messages[${i}]`;
    const msg = asObject(m, path);
    return newUserMessage(threadId, parseRole(msg.role, `${path}.role`), parseMessageContent(msg.content, `${path}.content`), {
      attachments: parseAttachments(msg.attachments, `${path}.attachments`),
      metadata: optionalMetadata(msg) ?? {},
    });
  });
  return { run, messages };
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

function parseRunToolChoice(raw: unknown, names: string[]): RunToolChoice {
  if (raw === undefined || raw === null) return "auto";
  if (raw === "none" || raw === "auto" || raw === "required") return raw;
  if (typeof raw === "string")
    throw invalidParam("tool_choice", `Invalid value: '${raw}'. Supported values are: 'none', 'auto', and 'required'.`);
  const c = asObject(raw, "tool_choice");
  if (c.type !== "function")
    throw invalidParam("tool_choice.type", `Tool choice of type '${String(c.type)}' is not supported; use 'function'.`);
  const fn = asObject(c.function, "tool_choice.function");
  if (typeof fn.name !== "string") throw typeError("tool_choice.function.name", "a string", fn.name);
  if (!names.includes(fn.name)) throw invalidParam("tool_choice.function.name", `No function named '${fn.name}' is among the run's tools.`);
  return { type: "function", function: { name: fn.name } };
}
