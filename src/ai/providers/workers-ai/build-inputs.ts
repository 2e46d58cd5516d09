/**
 * ChatRequest → the `inputs` object of `env.AI.run(model, inputs)`.
 *
 * Workers AI accepts OpenAI-style messages (string or part-array content, assistant
 * `tool_calls`, tool `tool_call_id`) and OpenAI-style `tools`. It has no `tool_choice` on
 * every model, so tool choice is applied here: `none` sends no tools, a named choice sends
 * only that tool, and `required`/named add a system instruction to call it. JSON mode
 * takes the bare JSON schema (`json_object` becomes the schema `{type: "object"}`). The
 * reasoning effort becomes the model's own knob (reasoning-table.ts), in the inputs.
 */
import type { ChatMessage, ChatRequest, ToolDefinition } from "../../types";
import { mapGenerationParams } from "./param-table";
import { reasoningInputs } from "./reasoning-table";

type WireMessage = Record<string, unknown>;

export function buildInputs(request: ChatRequest, stream: boolean): Record<string, unknown> {
  const tools = selectTools(request);
  const messages = request.messages.map(toWireMessage);
  const instruction = toolInstruction(request, tools);
  if (instruction) messages.unshift({ role: "system", content: instruction });

  const inputs: Record<string, unknown> = { messages, ...mapGenerationParams(request) };
  if (tools.length > 0) inputs.tools = tools.map(toWireTool);
  const format = request.responseFormat;
  if (format?.type === "json_schema") inputs.response_format = { type: "json_schema", json_schema: format.schema };
  else if (format?.type === "json_object") inputs.response_format = { type: "json_schema", json_schema: { type: "object" } };
  Object.assign(inputs, reasoningInputs(request.model, request.reasoningEffort));
  if (stream) inputs.stream = true;
  return inputs;
}

function selectTools(request: ChatRequest): ToolDefinition[] {
  const tools = request.tools ?? [];
  const choice = request.toolChoice;
  if (choice === "none") return [];
  if (typeof choice === "object") return tools.filter((t) => t.name === choice.name);
  return tools;
}

function toolInstruction(request: ChatRequest, tools: ToolDefinition[]): string | undefined {
  const choice = request.toolChoice;
  if (typeof choice === "object") return `You must call the function \`${choice.name}\` now.`;
  if (choice === "required" && tools.length > 0) return "You must call one of the provided functions now.";
  return undefined;
}

function toWireTool(tool: ToolDefinition): Record<string, unknown> {
  const fn: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  fn.parameters = tool.parameters ?? { type: "object", properties: {} };
  return { type: "function", function: fn };
}

function toWireMessage(message: ChatMessage): WireMessage {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "user":
      return { role: "user", content: message.content };
    case "assistant": {
      const out: WireMessage = { role: "assistant", content: message.content ?? "" };
      if (message.toolCalls?.length) {
        out.tool_calls = message.toolCalls.map((c) => ({
          id: c.id,
          type: "function",
          function: { name: c.name, arguments: c.arguments },
        }));
      }
      return out;
    }
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
    default:
      return message satisfies never;
  }
}
