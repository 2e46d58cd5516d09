/**
 * A run's prompt as a ChatRequest: the run's instructions (the assistant's or the run's
 * own, plus additional_instructions, merged when the run was created) as the system
 * message (and this turn's file_search results, when it searched, as a second one), then the
 * thread's messages after the truncation strategy, then this run's tool calls and their
 * outputs. Token counts are estimated (about four characters a token): Workers AI reports
 * usage only after generating.
 */
import { messageText } from "./message-text";
import type { Config } from "../config";
import { resolveModel } from "../ai/registry/resolve-model";
import type { ChatMessage, ChatRequest, ResponseFormat, ToolChoice } from "../ai/types";
import { estimatePromptTokens as estimate } from "../util/estimate-tokens";
import type { MessageObject, RunObject, RunRecord, RunStepObject } from "../wire/assistants";
import { contextBlock } from "../file-search/context-block";
import type { RankedChunk } from "../vector-stores/search";

export type PromptResult = { ok: true; request: ChatRequest } | { ok: false; reason: "max_prompt_tokens" };

/** Tokens kept free for the reply when truncating to the model's context window. */
const COMPLETION_RESERVE = 1024;

export function buildRunPrompt(
  record: RunRecord,
  thread: readonly MessageObject[],
  config: Config,
  fileSearchResults?: readonly RankedChunk[],
): PromptResult {
  const { run, steps } = record;
  const model = resolveModel(run.model, "chat", config);
  const maxTokens = run.max_completion_tokens ?? config.defaultMaxTokens;
  const system: ChatMessage[] = run.instructions ? [{ role: "system", content: run.instructions }] : [];
  if (fileSearchResults) system.push({ role: "system", content: contextBlock(fileSearchResults) });
  const toolRounds = toolRoundMessages(steps);

  let history = thread.filter((m) => m.run_id !== run.id || m.role === "user").map(toChatMessage);
  if (run.truncation_strategy.type === "last_messages" && run.truncation_strategy.last_messages) {
    history = history.slice(-run.truncation_strategy.last_messages);
  }
  const budget = run.max_prompt_tokens ?? Math.max(256, (model.info?.contextWindow ?? 32_768) - Math.min(maxTokens, COMPLETION_RESERVE));
  const fixed = estimate(system) + estimate(toolRounds);
  // Drop the oldest messages until the prompt fits; the newest message is never dropped.
  let total = fixed + estimate(history);
  while (total > budget && history.length > 1) {
    const dropped = history.shift();
    if (dropped) total -= estimate([dropped]);
  }
  if (total > budget && run.max_prompt_tokens !== null) return { ok: false, reason: "max_prompt_tokens" };

  const request: ChatRequest = {
    model: model.model,
    messages: [...system, ...history, ...toolRounds],
    maxTokens,
    parallelToolCalls: run.parallel_tool_calls,
  };
  if (run.temperature !== null) request.temperature = run.temperature;
  if (run.top_p !== null) request.topP = run.top_p;
  // Only function tools are offered: file_search happens before generation, code_interpreter never.
  const functions = run.tools.flatMap((t) => (t.type === "function" ? [t.function] : []));
  if (functions.length > 0) {
    request.tools = functions.map((f) => ({ ...f, strict: f.strict ?? undefined }));
    request.toolChoice = toolChoice(run);
  }
  const format = responseFormat(run);
  if (format) request.responseFormat = format;
  const effort = record.reasoningEffort ?? model.defaultEffort;
  if (effort !== undefined) request.reasoningEffort = effort;
  return { ok: true, request };
}

function toChatMessage(m: MessageObject): ChatMessage {
  const text = messageText(m);
  return m.role === "user" ? { role: "user", content: text } : { role: "assistant", content: text };
}

/** Each tool_calls step with outputs becomes an assistant tool-call message plus tool results. */
function toolRoundMessages(steps: readonly RunStepObject[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const step of steps) {
    if (step.step_details.type !== "tool_calls") continue;
    const calls = step.step_details.tool_calls.filter((c) => c.type === "function");
    if (calls.length === 0 || calls.some((c) => c.function.output === null)) continue;
    out.push({
      role: "assistant",
      content: null,
      toolCalls: calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })),
    });
    for (const c of calls) out.push({ role: "tool", toolCallId: c.id, content: c.function.output ?? "" });
  }
  return out;
}

function toolChoice(run: RunObject): ToolChoice {
  const choice = run.tool_choice;
  if (typeof choice === "string") return choice;
  return choice.type === "function" ? { name: choice.function.name } : "auto";
}

function responseFormat(run: RunObject): ResponseFormat | undefined {
  const f = run.response_format;
  if (f === "auto" || f.type === "text") return undefined;
  if (f.type === "json_object") return { type: "json_object" };
  return { type: "json_schema", name: f.json_schema.name, schema: f.json_schema.schema ?? { type: "object" } };
}
