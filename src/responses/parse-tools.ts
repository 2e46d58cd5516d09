/**
 * Responses `tools`, `tool_choice` and `text.format` → canonical form plus what the
 * response echoes. Responses tools are flat (`{type: "function", name, parameters}`), unlike
 * chat's `{type: "function", function: {...}}`. Hosted tools this Worker cannot run are
 * accepted, kept away from the model, and echoed back; forcing one is a 400.
 */
import type { ResponseFormat, ToolChoice, ToolDefinition } from "../ai/types";
import { FUNCTION_NAME } from "../chat/parse-tools";
import { invalidParam } from "../http/errors";
import { asObject, missing, typeError, arrayTooLong } from "../http/validate";
import type { FunctionToolEcho, TextFormat, ToolChoiceEcho, ToolEcho } from "../wire/responses";

/** OpenAI's hosted tool types: valid on OpenAI, not runnable by this Worker. */
const HOSTED_TOOL_TYPES = new Set([
  "file_search",
  "web_search",
  "web_search_2025_08_26",
  "web_search_preview",
  "web_search_preview_2025_03_11",
  "code_interpreter",
  "computer",
  "computer_use_preview",
  "image_generation",
  "mcp",
  "local_shell",
  "shell",
  "apply_patch",
  "tool_search",
]);

export interface ParsedTools {
  /** Function tools offered to the model. */
  functions: ToolDefinition[];
  /** Every tool as the response echoes it, in request order. */
  echo: ToolEcho[];
  /** Types of hosted tools that were accepted but not offered to the model. */
  hosted: string[];
}

export function parseResponseTools(raw: unknown, param = "tools"): ParsedTools {
  const out: ParsedTools = { functions: [], echo: [], hosted: [] };
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) throw typeError(param, "an array", raw);
  if (raw.length > 128) throw arrayTooLong(param, 128, raw.length);
  raw.forEach((t, i) => {
    const path = `${param}[${i}]`;
    const tool = asObject(t, path);
    if (tool.type === "function") {
      const fn = parseFunctionTool(tool, path);
      out.echo.push(fn);
      out.functions.push(definitionOf(fn));
    } else if (typeof tool.type === "string" && HOSTED_TOOL_TYPES.has(tool.type)) {
      out.echo.push(tool as ToolEcho);
      if (!out.hosted.includes(tool.type)) out.hosted.push(tool.type);
    } else {
      if (tool.type === undefined || tool.type === null) throw missing(`${path}.type`);
      throw invalidParam(
        `${path}.type`,
        `Tools of type '${String(tool.type)}' are not supported by ai-forwarder; use 'function' tools.`,
        "unsupported_tool_type",
      );
    }
  });
  const names = out.functions.map((f) => f.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw invalidParam(param, `Invalid '${param}': duplicate function name '${dup}'.`, "duplicate_tool_name");
  return out;
}

function parseFunctionTool(tool: Record<string, unknown>, path: string): FunctionToolEcho {
  const name = tool.name;
  if (name === undefined || name === null) throw missing(`${path}.name`);
  if (typeof name !== "string") throw typeError(`${path}.name`, "a string", name);
  if (!FUNCTION_NAME.test(name))
    throw invalidParam(
      `${path}.name`,
      `Invalid '${path}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' and is at most 64 characters long.`,
    );
  const description = tool.description ?? null;
  if (description !== null && typeof description !== "string") throw typeError(`${path}.description`, "a string", description);
  const parameters = tool.parameters === undefined || tool.parameters === null ? null : asObject(tool.parameters, `${path}.parameters`);
  const strict = tool.strict ?? true;
  if (typeof strict !== "boolean") throw typeError(`${path}.strict`, "a boolean", strict);
  return { type: "function", name, description, parameters, strict };
}

function definitionOf(fn: FunctionToolEcho): ToolDefinition {
  const def: ToolDefinition = { name: fn.name, strict: fn.strict };
  if (fn.description !== null) def.description = fn.description;
  if (fn.parameters !== null) def.parameters = fn.parameters;
  return def;
}

export interface ParsedToolChoice {
  echo: ToolChoiceEcho;
  /** Undefined means the backend's default (auto). */
  choice: ToolChoice | undefined;
  /** When `allowed_tools` narrows the offered functions, their names. */
  allowed?: string[];
}

export function parseResponseToolChoice(raw: unknown, tools: ParsedTools, param = "tool_choice"): ParsedToolChoice {
  if (raw === undefined || raw === null) return { echo: "auto", choice: undefined };
  if (raw === "none" || raw === "auto" || raw === "required") {
    if (raw === "required" && tools.functions.length === 0)
      throw invalidParam(param, `Invalid value for '${param}': 'required' needs at least one function tool this deployment can run.`);
    return { echo: raw, choice: raw };
  }
  if (typeof raw === "string") throw invalidParam(param, `Invalid value: '${raw}'. Supported values are: 'none', 'auto', and 'required'.`);
  const choice = asObject(raw, param);
  if (choice.type === "function") {
    const name = choice.name;
    if (typeof name !== "string") throw typeError(`${param}.name`, "a string", name);
    if (!tools.functions.some((f) => f.name === name))
      throw invalidParam(
        `${param}.name`,
        `Invalid value for '${param}': no function named '${name}' was specified in the 'tools' parameter.`,
      );
    return { echo: { type: "function", name }, choice: { name } };
  }
  if (choice.type === "allowed_tools") return allowedTools(choice, param);
  if (typeof choice.type === "string" && HOSTED_TOOL_TYPES.has(choice.type))
    throw invalidParam(
      `${param}.type`,
      `The hosted tool '${choice.type}' cannot be run by ai-forwarder, so it cannot be forced with '${param}'.`,
      "unsupported_tool_choice",
    );
  throw invalidParam(`${param}.type`, `Invalid value: '${String(choice.type)}'. Supported values are: 'function' and 'allowed_tools'.`);
}

function allowedTools(choice: Record<string, unknown>, param: string): ParsedToolChoice {
  const mode = choice.mode;
  if (mode !== "auto" && mode !== "required")
    throw invalidParam(`${param}.mode`, `Invalid value: '${String(mode)}'. Supported values are: 'auto' and 'required'.`);
  if (!Array.isArray(choice.tools)) throw typeError(`${param}.tools`, "an array", choice.tools);
  const listed = choice.tools.map((t, i) => asObject(t, `${param}.tools[${i}]`));
  const allowed = listed.filter((t) => t.type === "function").map((t) => String(t.name));
  if (mode === "required" && allowed.length === 0)
    throw invalidParam(`${param}.tools`, `Invalid '${param}.tools': 'required' needs at least one function tool this deployment can run.`);
  return { echo: { type: "allowed_tools", mode, tools: listed }, choice: mode, allowed };
}

/** `text.format` → the canonical response format (undefined for plain text) and its echo. */
export function parseTextFormat(raw: unknown, param = "text.format"): { format: ResponseFormat | undefined; echo: TextFormat } {
  if (raw === undefined || raw === null) return { format: undefined, echo: { type: "text" } };
  const f = asObject(raw, param);
  switch (f.type) {
    case "text":
      return { format: undefined, echo: { type: "text" } };
    case "json_object":
      return { format: { type: "json_object" }, echo: { type: "json_object" } };
    case "json_schema": {
      if (f.name === undefined || f.name === null) throw missing(`${param}.name`);
      if (typeof f.name !== "string") throw typeError(`${param}.name`, "a string", f.name);
      if (!FUNCTION_NAME.test(f.name))
        throw invalidParam(
          `${param}.name`,
          `Invalid '${param}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' and is at most 64 characters long.`,
        );
      if (f.schema === undefined || f.schema === null) throw missing(`${param}.schema`);
      const schema = asObject(f.schema, `${param}.schema`);
      const strict = f.strict ?? null;
      if (strict !== null && typeof strict !== "boolean") throw typeError(`${param}.strict`, "a boolean", strict);
      const echo: TextFormat = { type: "json_schema", name: f.name, schema, strict };
      if (typeof f.description === "string") echo.description = f.description;
      const format: ResponseFormat = { type: "json_schema", name: f.name, schema };
      if (strict !== null) format.strict = strict;
      return { format, echo };
    }
    default:
      throw invalidParam(
        `${param}.type`,
        `Invalid value: '${String(f.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
      );
  }
}
