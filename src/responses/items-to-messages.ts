/**
 * Stored Responses items → the canonical ChatMessages a backend reads. Consecutive function
 * calls become one assistant message with several tool calls (following the assistant text
 * they came with, when there was some), as chat models expect them.
 */
import type { ChatMessage, ContentPart } from "../ai/types";
import { invalidParam } from "../http/errors";
import type { ResponseItem } from "../wire/responses";

/** `items` must already have their compaction items expanded (see compaction.ts). */
export function itemsToMessages(items: readonly ResponseItem[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const item of items) {
    switch (item.type) {
      case "message":
        out.push(messageOf(item));
        break;
      case "function_call": {
        const call = { id: item.call_id, name: item.name, arguments: item.arguments };
        const last = out.at(-1);
        if (last?.role === "assistant") last.toolCalls = [...(last.toolCalls ?? []), call];
        else out.push({ role: "assistant", content: null, toolCalls: [call] });
        break;
      }
      case "function_call_output":
        out.push({ role: "tool", toolCallId: item.call_id, content: item.output });
        break;
      case "reasoning":
      // The model's earlier thinking is not replayed: chat models take no reasoning input.
      case "compaction":
        break;
      default:
        item satisfies never;
    }
  }
  return out;
}

function messageOf(item: Extract<ResponseItem, { type: "message" }>): ChatMessage {
  if (item.role === "assistant") return { role: "assistant", content: item.content.map((p) => p.text).join("") };
  const parts = item.content.map(
    (p): ContentPart =>
      p.type === "input_text"
        ? { type: "text", text: p.text }
        : { type: "image_url", image_url: { url: p.image_url ?? "", detail: p.detail } },
  );
  if (item.role !== "user") return { role: "system", content: parts.map((p) => (p.type === "text" ? p.text : "")).join("") };
  return parts.every((p) => p.type === "text")
    ? { role: "user", content: parts.map((p) => (p.type === "text" ? p.text : "")).join("") }
    : { role: "user", content: parts };
}

/**
 * Checks that every function call output answers a call made earlier in the context, as
 * OpenAI does ("No tool call found for function call output with call_id …").
 */
export function checkCallOutputs(history: readonly ResponseItem[], input: readonly ResponseItem[]): void {
  const calls = new Set<string>();
  for (const item of [...history, ...input]) {
    if (item.type === "function_call") calls.add(item.call_id);
    if (item.type === "function_call_output" && !calls.has(item.call_id)) {
      const index = input.indexOf(item);
      throw invalidParam(
        index >= 0 ? `input[${index}]` : "input",
        `No tool call found for function call output with call_id ${item.call_id}.`,
        "invalid_function_call_output",
      );
    }
  }
}
