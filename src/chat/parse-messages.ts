/**
 * OpenAI chat `messages` → canonical ChatMessages, validating each as OpenAI does.
 * `developer` messages become `system` (Workers AI has no developer role).
 * Shared by chat completions and the Assistants run engine's additional messages.
 */
import { invalidParam } from "../http/errors";
import { asObject, emptyArray, missing, typeError } from "../http/validate";
import type { ChatMessage, ContentPart, ToolCall } from "../ai/types";

export function parseMessages(raw: unknown, param = "messages"): ChatMessage[] {
  if (raw === undefined || raw === null) throw missing(param);
  if (!Array.isArray(raw)) throw typeError(param, "an array", raw);
  if (raw.length === 0) throw emptyArray(param);
  return raw.map((m, i) => parseMessage(m, `${param}[${i}]`));
}

function parseMessage(raw: unknown, path: string): ChatMessage {
  const m = asObject(raw, path);
  const role = m.role;
  switch (role) {
    case "system":
    case "developer":
      return { role: "system", content: textContent(m.content, `${path}.content`) };
    case "user":
      return { role: "user", content: userContent(m.content, `${path}.content`) };
    case "assistant": {
      const toolCalls = parseToolCalls(m.tool_calls, `${path}.tool_calls`);
      const content = m.content === undefined || m.content === null ? null : textContent(m.content, `${path}.content`, true);
      if (content === null && !toolCalls) throw missing(`${path}.content`);
      return toolCalls ? { role: "assistant", content, toolCalls } : { role: "assistant", content };
    }
    case "tool": {
      const id = m.tool_call_id;
      if (id === undefined || id === null) throw missing(`${path}.tool_call_id`);
      if (typeof id !== "string") throw typeError(`${path}.tool_call_id`, "a string", id);
      return { role: "tool", toolCallId: id, content: textContent(m.content, `${path}.content`) };
    }
    case undefined:
    case null:
      throw missing(`${path}.role`);
    default:
      throw invalidParam(
        `${path}.role`,
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.`,
      );
  }
}

/** String content, or an array of text parts joined (refusal parts allowed for assistants). */
function textContent(raw: unknown, path: string, allowRefusal = false): string {
  if (raw === undefined || raw === null) throw missing(path);
  if (typeof raw === "string") return raw;
  if (!Array.isArray(raw)) throw typeError(path, "a string or an array of content parts", raw);
  return raw
    .map((p, i) => {
      const part = asObject(p, `${path}[${i}]`);
      if (part.type === "text" && typeof part.text === "string") return part.text;
      if (allowRefusal && part.type === "refusal" && typeof part.refusal === "string") return part.refusal;
      throw invalidParam(`${path}[${i}]`, `Invalid content part at '${path}[${i}]': expected a text part.`);
    })
    .join("");
}

function userContent(raw: unknown, path: string): string | ContentPart[] {
  if (raw === undefined || raw === null) throw missing(path);
  if (typeof raw === "string") return raw;
  if (!Array.isArray(raw)) throw typeError(path, "a string or an array of content parts", raw);
  if (raw.length === 0) throw emptyArray(path);
  return raw.map((p, i): ContentPart => {
    const part = asObject(p, `${path}[${i}]`);
    if (part.type === "text") {
      if (typeof part.text !== "string") throw typeError(`${path}[${i}].text`, "a string", part.text);
      return { type: "text", text: part.text };
    }
    if (part.type === "image_url") {
      const image = asObject(part.image_url, `${path}[${i}].image_url`);
      if (typeof image.url !== "string") throw typeError(`${path}[${i}].image_url.url`, "a string", image.url);
      return typeof image.detail === "string"
        ? { type: "image_url", image_url: { url: image.url, detail: image.detail } }
        : { type: "image_url", image_url: { url: image.url } };
    }
    throw invalidParam(
      `${path}[${i}].type`,
      `Content parts of type '${String(part.type)}' are not supported by ai-forwarder; use 'text' or 'image_url'.`,
      "unsupported_content_type",
    );
  });
}

function parseToolCalls(raw: unknown, path: string): ToolCall[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw typeError(path, "an array", raw);
  if (raw.length === 0) return undefined;
  return raw.map((c, i) => {
    const call = asObject(c, `${path}[${i}]`);
    const fn = asObject(call.function, `${path}[${i}].function`);
    if (typeof call.id !== "string") throw typeError(`${path}[${i}].id`, "a string", call.id);
    if (typeof fn.name !== "string") throw typeError(`${path}[${i}].function.name`, "a string", fn.name);
    if (typeof fn.arguments !== "string") throw typeError(`${path}[${i}].function.arguments`, "a string", fn.arguments);
    return { id: call.id, name: fn.name, arguments: fn.arguments };
  });
}

/** True when any user message carries an image part. */
export function hasImages(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => m.role === "user" && Array.isArray(m.content) && m.content.some((p) => p.type === "image_url"));
}
