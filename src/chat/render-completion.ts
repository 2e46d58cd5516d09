/**
 * Collected events → OpenAI's `chat.completion` object. An `error` event (a failure after
 * generation began) is thrown, so the client gets an error status instead of a partial answer.
 */
import type { ChatEvent, FinishReason, ToolCall, Usage } from "../ai/types";
import { newId } from "../util/ids";

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: {
        role: "assistant";
        content: string | null;
        refusal: null;
        annotations: [];
        tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
      };
      finish_reason: FinishReason;
      logprobs: null;
    },
  ];
  usage: Usage;
}

/** The parts of a finished generation, as both renderers and the Assistants engine need them. */
export interface Generation {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

export function summarize(events: readonly ChatEvent[]): Generation {
  let text = "";
  const toolCalls: ToolCall[] = [];
  let finishReason: FinishReason = "stop";
  let usage: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  for (const e of events) {
    switch (e.type) {
      case "text":
        text += e.text;
        break;
      case "tool_call":
        toolCalls.push(e.call);
        break;
      case "usage":
        usage = e.usage;
        break;
      case "finish":
        finishReason = e.reason;
        break;
      case "error":
        throw e.error;
      default:
        e satisfies never;
    }
  }
  return { text, toolCalls, finishReason, usage };
}

export function renderCompletion(generation: Generation, model: string): ChatCompletion {
  const message: ChatCompletion["choices"][0]["message"] = {
    role: "assistant",
    content: generation.toolCalls.length > 0 && !generation.text ? null : generation.text,
    refusal: null,
    annotations: [],
  };
  if (generation.toolCalls.length > 0) {
    message.tool_calls = generation.toolCalls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  return {
    id: newId("chatcmpl-"),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: generation.finishReason, logprobs: null }],
    usage: generation.usage,
  };
}
