/**
 * What the emulated model answers, decided deterministically from the inputs. In order:
 * a call of the tool the last user message asks for, by its name or a distinctive word of it
 * (pick-tool.ts; skipped right after a tool result, or the conversation would loop); a JSON reply in JSON mode; an echo of a tool
 * result; an echo of the user's text. Every text reply is labelled `[offline emulator]` so it
 * cannot be mistaken for a model's answer.
 */
import type { Usage } from "../../ai/types";
import { pickTool } from "./pick-tool";
import type { EmulatorInputs } from "./read-inputs";
import { exampleArguments } from "./tool-arguments";
import { countWords, truncateWords } from "./words";

/** The label every text reply starts with. */
export const EMULATOR_LABEL = "[offline emulator]";

/** A tool call in Workers AI's native shape: `arguments` is an object, not a JSON string. */
export interface EmulatedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** The emulated model's answer and its token accounting (one word = one token). */
export type EmulatorReply = { kind: "text"; text: string; usage: Usage } | { kind: "tool_call"; call: EmulatedToolCall; usage: Usage };

/** Composes the reply to `input`; text replies are cut to `input.maxTokens` words. */
export function composeReply(input: EmulatorInputs): EmulatorReply {
  const promptTokens = input.messages.reduce((sum, m) => sum + countWords(m.text), 0);
  const usage = (completionTokens: number): Usage => ({
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  });

  const last = input.messages.at(-1);
  const afterToolResult = last?.role === "tool";
  const tool = afterToolResult ? undefined : pickTool(input.tools, input.lastUserText);
  if (tool) {
    const args = exampleArguments(tool.parameters, { firstString: quotedPhrase(input.lastUserText) });
    return {
      kind: "tool_call",
      call: { name: tool.name, arguments: args },
      usage: usage(Math.max(1, countWords(JSON.stringify(args)))),
    };
  }

  const text = truncateWords(fullText(input, afterToolResult ? (last?.text ?? "") : undefined), input.maxTokens);
  return { kind: "text", text, usage: usage(countWords(text)) };
}

/** The untruncated text reply; `toolResult` is set when the last message is a tool result. */
function fullText(input: EmulatorInputs, toolResult: string | undefined): string {
  const format = input.responseFormat;
  const jsonEcho = () => JSON.stringify({ emulator: true, echo: toolResult ?? input.lastUserText });
  switch (format.type) {
    case "json_object":
      return jsonEcho();
    case "json_schema":
      // The adapter sends json_object as the schema `{type:"object"}`: answer it like json_object
      // rather than with a bare `{}`.
      if (isFreeFormObject(format.schema)) return jsonEcho();
      return JSON.stringify(exampleArguments(format.schema, { firstString: quotedPhrase(input.lastUserText) }));
    case "text":
      if (toolResult !== undefined) return `${EMULATOR_LABEL} The tool returned: ${toolResult}`;
      return input.lastUserText === ""
        ? `${EMULATOR_LABEL} No user message was given.`
        : `${EMULATOR_LABEL} You said: ${input.lastUserText}`;
    default:
      return format satisfies never;
  }
}

/** A schema that accepts any object: `{}` or `{type:"object"}`, perhaps with a title or description. */
function isFreeFormObject(schema: Record<string, unknown>): boolean {
  const annotations = new Set(["type", "title", "description"]);
  return (schema.type ?? "object") === "object" && Object.keys(schema).every((k) => annotations.has(k));
}

/** The first phrase in double quotes (straight or curly), used as the first string argument. */
function quotedPhrase(text: string): string | undefined {
  const match = /"([^"]+)"|“([^”]+)”/.exec(text);
  return match?.[1] ?? match?.[2];
}
