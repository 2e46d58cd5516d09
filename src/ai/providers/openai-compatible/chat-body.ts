/**
 * A canonical ChatRequest → the body of an OpenAI `POST /chat/completions`. Unlike Workers AI,
 * an OpenAI-compatible upstream takes OpenAI's fields as they are, so this is a plain
 * re-serialisation: tools, tool_choice, parallel_tool_calls and response_format keep their
 * wire shapes. Streams ask for usage (`stream_options.include_usage`) so the usage the client
 * sees is the upstream's, not an estimate. Stop sequences are sent too (the pipeline still
 * enforces them on the output). The token limit goes as `max_completion_tokens`, the name
 * OpenAI's reasoning models require (and the other upstreams in the README accept).
 */
import type { SamplingParam } from "../../../chat/sampling-params";
import type { ChatMessage, ChatRequest, ToolChoice, ToolDefinition } from "../../types";

/** Canonical sampling field → OpenAI wire name. */
const SAMPLING_WIRE = {
  temperature: "temperature",
  topP: "top_p",
  maxTokens: "max_completion_tokens",
  seed: "seed",
  frequencyPenalty: "frequency_penalty",
  presencePenalty: "presence_penalty",
} as const satisfies Record<SamplingParam, string>;

/** The JSON body for `request`, streamed or not. */
export function chatBody(request: ChatRequest, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: request.messages.map(toWireMessage) };
  for (const [key, wire] of Object.entries(SAMPLING_WIRE) as [SamplingParam, string][]) {
    const value = request[key];
    if (value !== undefined) body[wire] = value;
  }
  if (request.stop?.length) body.stop = request.stop;
  if (request.tools?.length) body.tools = request.tools.map(toWireTool);
  if (request.toolChoice !== undefined) body.tool_choice = toWireToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  // Only a client's own effort: a route's upstream keeps its model's default (ResolvedModel.defaultEffort).
  if (request.reasoningEffort !== undefined) body.reasoning_effort = request.reasoningEffort;
  const format = request.responseFormat;
  if (format?.type === "json_schema") {
    const schema: Record<string, unknown> = { name: format.name, schema: format.schema };
    if (format.strict !== undefined) schema.strict = format.strict;
    body.response_format = { type: "json_schema", json_schema: schema };
  } else if (format) body.response_format = { type: format.type };
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

function toWireMessage(message: ChatMessage): Record<string, unknown> {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "assistant": {
      const out: Record<string, unknown> = { role: "assistant", content: message.content };
      if (message.toolCalls?.length) {
        out.tool_calls = message.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } }));
      }
      return out;
    }
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
    default:
      return message satisfies never;
  }
}

function toWireTool(tool: ToolDefinition): Record<string, unknown> {
  const fn: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  if (tool.parameters !== undefined) fn.parameters = tool.parameters;
  if (tool.strict !== undefined) fn.strict = tool.strict;
  return { type: "function", function: fn };
}

function toWireToolChoice(choice: ToolChoice): unknown {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}
