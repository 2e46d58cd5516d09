/**
 * A Responses `input` (a string, or a list of items) → the items this Worker stores, each
 * validated as OpenAI validates it and given a fresh id. Messages of every role, function
 * calls and their outputs, reasoning items (kept out of the prompt), compaction items and, in
 * a turn's input, references to stored items are accepted; anything else is a 400 naming it.
 */
import { invalidParam } from "../http/errors";
import { asObject, emptyArray, missing, typeError } from "../http/validate";
import type { InputImagePart, InputItem, InputTextPart, MessageItem, OutputTextPart, ResponseItem } from "../wire/responses";

/** Makes an id with OpenAI's prefix convention (`msg_`, `fc_`, …). */
export type IdSource = (prefix: string) => string;

/** OpenAI's limit on a string input, in characters. */
const MAX_STRING_INPUT = 10_485_760;

/** Parses a conversation's `items` (or any list of items to store); `param` names the field in errors. */
export function parseInput(raw: unknown, newId: IdSource, param = "input"): ResponseItem[] {
  return parseList(raw, param, newId, (item, path) => parseItem(item, path, newId));
}

/** Parses a turn's `input`, which may also hold `item_reference`s (resolved by the service). */
export function parseTurnInput(raw: unknown, newId: IdSource): InputItem[] {
  return parseList<InputItem>(raw, "input", newId, (item, path) => {
    const object = asObject(item, path);
    if (object.type !== "item_reference") return parseItem(object, path, newId);
    return [{ type: "item_reference", id: requiredText(object.id, `${path}.id`) }];
  });
}

function parseList<T extends InputItem>(
  raw: unknown,
  param: string,
  newId: IdSource,
  parseOne: (item: unknown, path: string) => T[],
): (T | MessageItem)[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === "string") {
    if (raw.length > MAX_STRING_INPUT)
      throw invalidParam(
        param,
        `Invalid '${param}': string too long. Expected a string with maximum length ${MAX_STRING_INPUT}.`,
        "string_above_max_length",
      );
    return [userText(raw, newId)];
  }
  if (!Array.isArray(raw)) throw typeError(param, "a string or an array of input items", raw);
  return raw.flatMap((item, i) => parseOne(item, `${param}[${i}]`));
}

/** A user message holding one text part. */
export function userText(text: string, newId: IdSource): MessageItem {
  return { type: "message", id: newId("msg_"), status: "completed", role: "user", content: [{ type: "input_text", text }] };
}

function parseItem(raw: unknown, path: string, newId: IdSource): ResponseItem[] {
  const item = asObject(raw, path);
  const type = item.type ?? (item.role !== undefined ? "message" : undefined);
  switch (type) {
    case "message":
      return [parseMessage(item, path, newId)];
    case "function_call": {
      const call = {
        call_id: requiredText(item.call_id, `${path}.call_id`),
        name: requiredText(item.name, `${path}.name`),
        arguments: requiredText(item.arguments, `${path}.arguments`, true),
      };
      return [{ type: "function_call", id: newId("fc_"), ...call, status: "completed" }];
    }
    case "function_call_output":
      return [
        {
          type: "function_call_output",
          id: newId("fco_"),
          call_id: requiredText(item.call_id, `${path}.call_id`),
          output: outputText(item.output, `${path}.output`),
          status: "completed",
        },
      ];
    case "reasoning":
      // Reasoning from earlier turns is accepted and, as OpenAI does for models that cannot
      // use it, not sent to the model.
      return [];
    case "file_search_call":
      // An earlier turn's search, sent back by a stateless client: its reply (which quoted what
      // mattered) carries the context, so the item itself is not kept.
      return [];
    case "compaction":
      return [
        { type: "compaction", id: newId("cmp_"), encrypted_content: requiredText(item.encrypted_content, `${path}.encrypted_content`) },
      ];
    case undefined:
    case null:
      throw missing(`${path}.type`);
    default:
      throw invalidParam(
        `${path}.type`,
        `Invalid value: '${String(type)}'. ai-forwarder accepts input items of type 'message', 'function_call', 'function_call_output', 'reasoning', 'file_search_call' and 'compaction' (and 'item_reference' in a response's input).`,
        "unsupported_item_type",
      );
  }
}

function parseMessage(item: Record<string, unknown>, path: string, newId: IdSource): MessageItem {
  const role = item.role;
  const id = newId("msg_");
  if (role === "assistant") {
    return { type: "message", id, status: "completed", role, content: assistantContent(item.content, `${path}.content`) };
  }
  if (role === "user" || role === "system" || role === "developer") {
    return { type: "message", id, status: "completed", role, content: inputContent(item.content, `${path}.content`, role === "user") };
  }
  if (role === undefined || role === null) throw missing(`${path}.role`);
  throw invalidParam(
    `${path}.role`,
    `Invalid value: '${String(role)}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.`,
  );
}

function inputContent(raw: unknown, path: string, imagesAllowed: boolean): (InputTextPart | InputImagePart)[] {
  if (typeof raw === "string") return [{ type: "input_text", text: raw }];
  if (raw === undefined || raw === null) throw missing(path);
  if (!Array.isArray(raw)) throw typeError(path, "a string or an array of content parts", raw);
  if (raw.length === 0) throw emptyArray(path);
  return raw.map((p, i) => {
    const part = asObject(p, `${path}[${i}]`);
    if (part.type === "input_text") return { type: "input_text", text: requiredText(part.text, `${path}[${i}].text`, true) };
    if (part.type === "input_image" && imagesAllowed) {
      const url = requiredText(part.image_url, `${path}[${i}].image_url`);
      const detail = part.detail ?? "auto";
      if (detail !== "auto" && detail !== "low" && detail !== "high")
        throw invalidParam(`${path}[${i}].detail`, `Invalid value: '${String(detail)}'. Supported values are: 'auto', 'low', and 'high'.`);
      return { type: "input_image", image_url: url, detail };
    }
    throw invalidParam(
      `${path}[${i}].type`,
      `Content parts of type '${String(part.type)}' are not supported here by ai-forwarder; use 'input_text'${imagesAllowed ? " or 'input_image' (a URL or data URL)" : ""}.`,
      "unsupported_content_type",
    );
  });
}

function assistantContent(raw: unknown, path: string): OutputTextPart[] {
  if (typeof raw === "string") return [outputPart(raw)];
  if (raw === undefined || raw === null) throw missing(path);
  if (!Array.isArray(raw)) throw typeError(path, "a string or an array of content parts", raw);
  return raw.map((p, i) => {
    const part = asObject(p, `${path}[${i}]`);
    if (part.type === "output_text" || part.type === "input_text") return outputPart(requiredText(part.text, `${path}[${i}].text`, true));
    if (part.type === "refusal") return outputPart(requiredText(part.refusal, `${path}[${i}].refusal`, true));
    throw invalidParam(
      `${path}[${i}].type`,
      `Content parts of type '${String(part.type)}' are not supported in assistant messages; use 'output_text'.`,
      "unsupported_content_type",
    );
  });
}

/** An `output_text` part, as OpenAI returns it. */
export function outputPart(text: string): OutputTextPart {
  return { type: "output_text", text, annotations: [], logprobs: [] };
}

/** A function call output: a string, or a list of text parts (joined). */
function outputText(raw: unknown, path: string): string {
  if (typeof raw === "string") return raw;
  if (raw === undefined || raw === null) throw missing(path);
  if (!Array.isArray(raw)) throw typeError(path, "a string or an array of content parts", raw);
  return raw
    .map((p, i) => {
      const part = asObject(p, `${path}[${i}]`);
      if (part.type === "input_text") return requiredText(part.text, `${path}[${i}].text`, true);
      throw invalidParam(
        `${path}[${i}].type`,
        `Function call outputs of type '${String(part.type)}' are not supported; use 'input_text'.`,
        "unsupported_content_type",
      );
    })
    .join("");
}

function requiredText(raw: unknown, path: string, emptyAllowed = false): string {
  if (raw === undefined || raw === null) throw missing(path);
  if (typeof raw !== "string") throw typeError(path, "a string", raw);
  if (!emptyAllowed && raw.length === 0)
    throw invalidParam(path, `Invalid '${path}': empty string. Expected a non-empty string.`, "empty_string");
  return raw;
}
