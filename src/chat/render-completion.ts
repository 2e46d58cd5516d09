/**
 * Collected events → OpenAI's `chat.completion` object. An `error` event (a failure after
 * generation began) is thrown, so the client gets an error status instead of a partial answer.
 */
import type { ChatEvent, FinishReason, ToolCall, Usage } from "../ai/types";
import { clock, nowSeconds } from "../util/clock";
import { Accumulator } from "./accumulate";
import { type ChatUsage, chatUsage } from "./chat-usage";

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
        /** The model's thinking, when it reasoned (DeepSeek's and vLLM's field). */
        reasoning_content?: string;
        refusal: null;
        annotations: [];
        tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
      };
      finish_reason: FinishReason;
      logprobs: null;
    },
  ];
  usage: ChatUsage;
}

/** The parts of a finished generation, as both renderers and the Assistants engine need them. */
export interface Generation {
  text: string;
  /** The model's thinking; absent (older cache entries) or "" when it did not reason. */
  reasoning?: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/** Collected events → their Generation; an `error` event is thrown. */
export function summarize(events: readonly ChatEvent[]): Generation {
  const acc = new Accumulator();
  for (const e of events) {
    acc.add(e);
    if (acc.error) throw acc.error;
  }
  const generation: Generation = {
    text: acc.text,
    toolCalls: acc.toolCalls,
    finishReason: acc.finishReason ?? "stop",
    usage: acc.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
  if (acc.reasoning) generation.reasoning = acc.reasoning;
  return generation;
}

export function renderCompletion(generation: Generation, model: string): ChatCompletion {
  const message: ChatCompletion["choices"][0]["message"] = {
    role: "assistant",
    content: generation.toolCalls.length > 0 && !generation.text ? null : generation.text,
    refusal: null,
    annotations: [],
  };
  if (generation.reasoning) message.reasoning_content = generation.reasoning;
  if (generation.toolCalls.length > 0) {
    message.tool_calls = generation.toolCalls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  return {
    id: clock().id("chatcmpl-"),
    object: "chat.completion",
    created: nowSeconds(),
    model,
    choices: [{ index: 0, message, finish_reason: generation.finishReason, logprobs: null }],
    usage: chatUsage(generation.usage),
  };
}
