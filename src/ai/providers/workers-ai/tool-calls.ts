/**
 * Workers AI returns tool calls in two shapes: the legacy flat `{name, arguments: object}`
 * and OpenAI's `{id, type: "function", function: {name, arguments: string}}`. Both become a
 * ToolCall with `arguments` as a JSON string and an id (generated when the model gave none).
 */
import { newId } from "../../../util/ids";
import type { ToolCall } from "../../types";

export function normalizeToolCall(raw: unknown): ToolCall | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const fn = r.function && typeof r.function === "object" ? (r.function as Record<string, unknown>) : r;
  const name = fn.name;
  if (typeof name !== "string" || !name) return undefined;
  // Responses-format items carry both `id` (fc_…) and `call_id`; the latter is what a tool result echoes.
  const id = typeof r.call_id === "string" && r.call_id ? r.call_id : typeof r.id === "string" && r.id ? r.id : newId("call_");
  return { id, name, arguments: argumentsText(fn.arguments) };
}

export function normalizeToolCalls(raw: unknown): ToolCall[] {
  if (!Array.isArray(raw)) return [];
  const out: ToolCall[] = [];
  for (const item of raw) {
    const call = normalizeToolCall(item);
    if (call) out.push(call);
  }
  return out;
}

function argumentsText(args: unknown): string {
  if (typeof args === "string") return args || "{}";
  if (args === undefined || args === null) return "{}";
  return JSON.stringify(args);
}
