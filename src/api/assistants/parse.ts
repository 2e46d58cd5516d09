/**
 * Request-body readers shared by the Assistants handlers: response format, messages
 * and their content, and ids in paths.
 */
import type { ApiRequest } from "../route";
import { type AssistantsKind, notFound } from "../../assistants/not-found";
import { newUserMessage } from "../../assistants/objects";
import type { AssistantResponseFormat, MessageObject, TextContent } from "../../wire/assistants";
import { parseResponseFormat } from "../../chat/parse-tools";
import { invalidParam } from "../../http/errors";
import { pathIdWithPrefix } from "../../http/path-segment";
import { asObject, missing, optionalMetadata, typeError } from "../../http/validate";

/** A path id; ids of the wrong kind (or malformed percent-encoding) can never exist, so they are "not found" like OpenAI's. */
export function pathId(request: ApiRequest, name: string, prefix: string, kind: AssistantsKind): string {
  return pathIdWithPrefix(request.params[name], prefix, (id) => notFound(kind, id));
}

/** Validates and returns the wire form (stored as given: "auto" or an object). */
export function parseAssistantResponseFormat(raw: unknown, param = "response_format"): AssistantResponseFormat | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === "auto") return "auto";
  const parsed = parseResponseFormat(raw, param);
  if (!parsed) return "auto";
  if (parsed.type === "json_schema") {
    const spec = (raw as { json_schema: Record<string, unknown> }).json_schema;
    return {
      type: "json_schema",
      json_schema: {
        name: parsed.name,
        schema: parsed.schema,
        ...(typeof spec.description === "string" ? { description: spec.description } : {}),
        strict: parsed.strict ?? null,
      },
    };
  }
  return { type: parsed.type };
}

/** Message `content`: a string or an array of text parts (images need vision runs: not stored here). */
export function parseMessageContent(raw: unknown, param = "content"): TextContent[] {
  if (raw === undefined || raw === null) throw missing(param);
  if (typeof raw === "string") return [{ type: "text", text: { value: raw, annotations: [] } }];
  if (!Array.isArray(raw)) throw typeError(param, "a string or an array of content parts", raw);
  if (raw.length === 0) throw invalidParam(param, `Invalid '${param}': empty array.`, "empty_array");
  return raw.map((p, i) => {
    const part = asObject(p, `${param}[${i}]`);
    if (part.type !== "text") {
      throw invalidParam(
        `${param}[${i}].type`,
        `Message content of type '${String(part.type)}' is not supported by ai-forwarder; use 'text'.`,
        "unsupported_content_type",
      );
    }
    if (typeof part.text !== "string") throw typeError(`${param}[${i}].text`, "a string", part.text);
    return { type: "text", text: { value: part.text, annotations: [] } };
  });
}

export function parseRole(raw: unknown, param = "role"): "user" | "assistant" {
  if (raw === undefined || raw === null) throw missing(param);
  if (raw !== "user" && raw !== "assistant") {
    throw invalidParam(param, `Invalid value: '${String(raw)}'. Supported values are: 'user' and 'assistant'.`);
  }
  return raw;
}

export function parseAttachments(raw: unknown, param = "attachments"): { file_id?: string; tools?: unknown[] }[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) throw typeError(param, "an array", raw);
  return raw.map((a, i) => {
    const att = asObject(a, `${param}[${i}]`);
    const out: { file_id?: string; tools?: unknown[] } = {};
    if (typeof att.file_id === "string") out.file_id = att.file_id;
    if (Array.isArray(att.tools)) out.tools = att.tools;
    return out;
  });
}

/**
 * A message a client adds to a thread (`{role, content, attachments?, metadata?}`), as a new
 * message of `threadId`; `prefix` is the body path in front of its fields (e.g. `messages[0].`).
 */
export function parseNewMessage(msg: Record<string, unknown>, threadId: string, prefix = ""): MessageObject {
  return newUserMessage(threadId, parseRole(msg.role, `${prefix}role`), parseMessageContent(msg.content, `${prefix}content`), {
    attachments: parseAttachments(msg.attachments, `${prefix}attachments`),
    metadata: optionalMetadata(msg) ?? {},
  });
}

/** A list of such messages (a thread's `messages`, a run's `additional_messages`) at body path `param`. */
export function parseNewMessages(raw: readonly unknown[], threadId: string, param: string): MessageObject[] {
  return raw.map((m, i) => parseNewMessage(asObject(m, `${param}[${i}]`), threadId, `${param}[${i}].`));
}
