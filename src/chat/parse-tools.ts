/**
 * OpenAI `tools`, `tool_choice` and `response_format` → canonical form. Shared by chat
 * completions and Assistants (assistant/run `tools`, `response_format`).
 */
import { invalidParam } from "../http/errors";
import { asObject, missing, typeError, arrayTooLong } from "../http/validate";
import type { ResponseFormat, ToolChoice, ToolDefinition } from "../ai/types";

/** What OpenAI accepts as a function (or schema) name. */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function parseTools(raw: unknown, param = "tools"): ToolDefinition[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw typeError(param, "an array", raw);
  if (raw.length > 128) throw arrayTooLong(param, 128, raw.length);
  return raw.map((t, i) => parseTool(t, `${param}[${i}]`));
}

function parseTool(raw: unknown, path: string): ToolDefinition {
  const tool = asObject(raw, path);
  if (tool.type !== "function") {
    throw invalidParam(
      `${path}.type`,
      `Tools of type '${String(tool.type)}' are not supported by ai-forwarder; only 'function' tools are.`,
      "unsupported_tool_type",
    );
  }
  const fn = asObject(tool.function, `${path}.function`);
  if (fn.name === undefined || fn.name === null) throw missing(`${path}.function.name`);
  if (typeof fn.name !== "string") throw typeError(`${path}.function.name`, "a string", fn.name);
  if (!FUNCTION_NAME.test(fn.name)) {
    throw invalidParam(
      `${path}.function.name`,
      `Invalid '${path}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' and is at most 64 characters long.`,
    );
  }
  const out: ToolDefinition = { name: fn.name };
  if (fn.description !== undefined && fn.description !== null) {
    if (typeof fn.description !== "string") throw typeError(`${path}.function.description`, "a string", fn.description);
    out.description = fn.description;
  }
  if (fn.parameters !== undefined && fn.parameters !== null) out.parameters = asObject(fn.parameters, `${path}.function.parameters`);
  if (typeof fn.strict === "boolean") out.strict = fn.strict;
  return out;
}

export function parseToolChoice(
  raw: unknown,
  tools: readonly Pick<ToolDefinition, "name">[] | undefined,
  param = "tool_choice",
): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === "none" || raw === "auto" || raw === "required") {
    if (raw === "required" && !tools?.length)
      throw invalidParam(param, `Invalid value for '${param}': '${param}' is only allowed when 'tools' are specified.`);
    return raw;
  }
  if (typeof raw === "string") throw invalidParam(param, `Invalid value: '${raw}'. Supported values are: 'none', 'auto', and 'required'.`);
  const choice = asObject(raw, param);
  if (choice.type !== "function")
    throw invalidParam(`${param}.type`, `Invalid value: '${String(choice.type)}'. Supported values are: 'function'.`);
  const fn = asObject(choice.function, `${param}.function`);
  if (typeof fn.name !== "string") throw typeError(`${param}.function.name`, "a string", fn.name);
  if (!tools?.some((t) => t.name === fn.name)) {
    throw invalidParam(
      `${param}.function.name`,
      `Invalid value for '${param}': no function named '${fn.name}' was specified in the 'tools' parameter.`,
    );
  }
  return { name: fn.name };
}

export function parseResponseFormat(raw: unknown, param = "response_format"): ResponseFormat | undefined {
  if (raw === undefined || raw === null) return undefined;
  // Assistants accept the string "auto" (meaning: no constraint).
  if (raw === "auto") return undefined;
  const format = asObject(raw, param);
  switch (format.type) {
    case "text":
      return { type: "text" };
    case "json_object":
      return { type: "json_object" };
    case "json_schema": {
      const spec = asObject(format.json_schema, `${param}.json_schema`);
      if (typeof spec.name !== "string")
        throw spec.name === undefined
          ? missing(`${param}.json_schema.name`)
          : typeError(`${param}.json_schema.name`, "a string", spec.name);
      const schema =
        spec.schema === undefined || spec.schema === null ? { type: "object" } : asObject(spec.schema, `${param}.json_schema.schema`);
      return typeof spec.strict === "boolean"
        ? { type: "json_schema", name: spec.name, schema, strict: spec.strict }
        : { type: "json_schema", name: spec.name, schema };
    }
    default:
      throw invalidParam(
        `${param}.type`,
        `Invalid value: '${String(format.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
      );
  }
}
