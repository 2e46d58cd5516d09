/**
 * Reads the loosely typed `inputs` of `AI.run` into what the emulator needs. Accepts what the
 * Workers AI adapter sends (and Workers AI itself accepts): `messages` or `prompt`, OpenAI-style
 * or legacy flat `tools`, `response_format`, `max_tokens`, `stream`. Everything else
 * (temperature, seed, ...) is ignored, because the emulator is deterministic.
 */
import { isRecord } from "./is-record";

/** A message reduced to its role and its text (text parts joined; images and tool calls dropped). */
export interface EmulatorMessage {
  role: string;
  text: string;
}

/** A tool the emulated model may call. */
export interface EmulatorTool {
  name: string;
  /** JSON Schema of the arguments; `{}` when the tool declares none. */
  parameters: Record<string, unknown>;
}

export type EmulatorFormat = { type: "text" } | { type: "json_object" } | { type: "json_schema"; schema: Record<string, unknown> };

/** The inputs of one `AI.run` call, as the emulator understands them. */
export interface EmulatorInputs {
  messages: EmulatorMessage[];
  /** Text of the last user message (or the `prompt`); "" when there is none. */
  lastUserText: string;
  tools: EmulatorTool[];
  responseFormat: EmulatorFormat;
  /** Maximum words in the reply. */
  maxTokens: number;
  stream: boolean;
}

/** `max_tokens` when the caller sends none (Workers AI text models default to 256 too). */
export const DEFAULT_MAX_TOKENS = 256;

/**
 * Normalises `inputs`. Rejects, like the real binding's input validation (error 5006), when
 * there is neither a `messages` array nor a `prompt` string.
 */
export function readInputs(inputs: Record<string, unknown>): EmulatorInputs {
  const messages = readMessages(inputs);
  const lastUser = messages.findLast((m) => m.role === "user");
  return {
    messages,
    lastUserText: lastUser?.text ?? "",
    tools: Array.isArray(inputs.tools) ? inputs.tools.flatMap(readTool) : [],
    responseFormat: readFormat(inputs.response_format),
    maxTokens: readMaxTokens(inputs.max_tokens),
    stream: inputs.stream === true,
  };
}

function readMessages(inputs: Record<string, unknown>): EmulatorMessage[] {
  if (Array.isArray(inputs.messages)) {
    return inputs.messages.filter(isRecord).map((m) => ({
      role: typeof m.role === "string" ? m.role : "user",
      text: contentText(m.content),
    }));
  }
  if (typeof inputs.prompt === "string") return [{ role: "user", text: inputs.prompt }];
  throw new Error("5006: emulated input validation: expected `messages` (array) or `prompt` (string)");
}

/** A string content as is; the `text` parts of an array content joined by newlines. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter(isRecord)
    .flatMap((part) => (part.type === "text" && typeof part.text === "string" ? [part.text] : []))
    .join("\n");
}

/** `{type:"function", function:{name, parameters}}` or the legacy flat `{name, parameters}`. */
function readTool(tool: unknown): EmulatorTool[] {
  if (!isRecord(tool)) return [];
  const fn = isRecord(tool.function) ? tool.function : tool;
  if (typeof fn.name !== "string" || fn.name === "") return [];
  return [{ name: fn.name, parameters: isRecord(fn.parameters) ? fn.parameters : {} }];
}

function readFormat(format: unknown): EmulatorFormat {
  if (!isRecord(format)) return { type: "text" };
  if (format.type === "json_object") return { type: "json_object" };
  if (format.type === "json_schema") {
    const wrapper = isRecord(format.json_schema) ? format.json_schema : {};
    // Workers AI takes the schema itself; tolerate OpenAI's `{name, schema}` wrapper as well.
    const schema = isRecord(wrapper.schema) && !("properties" in wrapper) ? wrapper.schema : wrapper;
    return { type: "json_schema", schema };
  }
  return { type: "text" };
}

function readMaxTokens(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 1 ? Math.floor(value) : DEFAULT_MAX_TOKENS;
}
