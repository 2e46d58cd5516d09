/**
 * A non-streamed Workers AI output → canonical events. Three formats exist and are told
 * apart by shape: chat-completions (`choices`, e.g. glm-4.7-flash), Responses (`output`
 * items, gpt-oss) and native (`{response, tool_calls, usage}`, most other models).
 * In JSON mode `response` may arrive already parsed (an object); it is re-serialised.
 * Reasoning is kept apart from the answer: chat-format `reasoning_content` (glm, qwen3,
 * gpt-oss with `messages`) or `reasoning` (Kimi K2.6, some Gemma 4 replies), and Responses
 * `reasoning` items' `reasoning_text`; native models' leading `<think>…</think>` (think-tags.ts). A null `content` (thinking used the whole budget) is "".
 */
import type { ChatEvent, FinishReason, ToolCall, Usage } from "../../types";
import { normalizeToolCall, normalizeToolCalls } from "./tool-calls";
import { readUsage } from "./read-usage";
import { splitThinkTags } from "./think-tags";

export interface DecodedOutput {
  text: string;
  /** The model's thinking, apart from the answer; "" when it did not reason. */
  reasoning: string;
  toolCalls: ToolCall[];
  usage: Usage | undefined;
  /** Only set when the backend said why it stopped. */
  finishReason: FinishReason | undefined;
}

export function decodeOutput(output: unknown): DecodedOutput {
  if (typeof output === "string") return { text: output, reasoning: "", toolCalls: [], usage: undefined, finishReason: undefined };
  if (!output || typeof output !== "object") return { text: "", reasoning: "", toolCalls: [], usage: undefined, finishReason: undefined };
  const o = output as Record<string, unknown>;
  if (Array.isArray(o.choices)) return decodeChatFormat(o);
  if (Array.isArray(o.output)) return decodeResponsesFormat(o);
  const split = typeof o.response === "string" ? splitThinkTags(o.response) : { reasoning: "", text: textOf(o.response) };
  return {
    text: split.text,
    reasoning: split.reasoning,
    toolCalls: normalizeToolCalls(o.tool_calls),
    usage: readUsage(o.usage),
    finishReason: undefined,
  };
}

function decodeChatFormat(o: Record<string, unknown>): DecodedOutput {
  const choice = (o.choices as unknown[])[0] as Record<string, unknown> | undefined;
  const message = (choice?.message ?? {}) as Record<string, unknown>;
  return {
    text: textOf(message.content),
    reasoning: reasoningOf(message),
    toolCalls: normalizeToolCalls(message.tool_calls),
    usage: readUsage(o.usage),
    finishReason: mapFinishReason(choice?.finish_reason),
  };
}

function decodeResponsesFormat(o: Record<string, unknown>): DecodedOutput {
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const item of o.output as unknown[]) {
    if (!item || typeof item !== "object") continue;
    const it = item as Record<string, unknown>;
    if (it.type === "message" && Array.isArray(it.content)) {
      for (const part of it.content as Record<string, unknown>[]) {
        if (part && (part.type === "output_text" || part.type === "text") && typeof part.text === "string") text += part.text;
      }
    } else if (it.type === "reasoning" && Array.isArray(it.content)) {
      for (const part of it.content as Record<string, unknown>[]) {
        if (part && part.type === "reasoning_text" && typeof part.text === "string") reasoning += part.text;
      }
    } else if (it.type === "function_call") {
      const call = normalizeToolCall(it);
      if (call) toolCalls.push(call);
    }
  }
  const incomplete = o.status === "incomplete" ? "length" : undefined;
  return { text, reasoning, toolCalls, usage: readUsage(o.usage), finishReason: incomplete };
}

export function mapFinishReason(raw: unknown): FinishReason | undefined {
  switch (raw) {
    case "stop":
    case "eos":
      return "stop";
    case "length":
    case "max_tokens":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    default:
      return undefined;
  }
}

/** A chat message's or delta's reasoning: `reasoning_content`, else `reasoning`. */
export function reasoningOf(message: Record<string, unknown>): string {
  const value = message.reasoning_content ?? message.reasoning;
  return typeof value === "string" ? value : "";
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  return JSON.stringify(value);
}

/** The decoded output as the events a stream would have carried. */
export function outputToEvents(decoded: DecodedOutput, finish: FinishReason): ChatEvent[] {
  const events: ChatEvent[] = [];
  if (decoded.reasoning) events.push({ type: "reasoning", text: decoded.reasoning });
  if (decoded.text) events.push({ type: "text", text: decoded.text });
  for (const call of decoded.toolCalls) events.push({ type: "tool_call", call });
  if (decoded.usage) events.push({ type: "usage", usage: decoded.usage });
  events.push({ type: "finish", reason: finish });
  return events;
}
