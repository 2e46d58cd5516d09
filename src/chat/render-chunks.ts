/**
 * Events → the bytes of `chat.completion.chunk` SSE messages (rendered and encoded in one
 * stage, as every stream stage costs CPU per token): one id and `created` per stream, a first
 * chunk carrying the role, then content, `reasoning_content` (the model's thinking, as DeepSeek
 * and vLLM stream it) and tool-call deltas (by index), a finish chunk, the
 * usage chunk when `stream_options.include_usage` asked for it, then `[DONE]`.
 * A failure mid-way ends the stream with an `event: error` message instead of `[DONE]`,
 * which the official SDKs raise as an APIError.
 */
import type { ChatEvent, Usage } from "../ai/types";
import { sseBytes } from "../http/sse";
import { clock, nowSeconds } from "../util/clock";
import { chatUsage } from "./chat-usage";

export function renderChunks(model: string, includeUsage: boolean): TransformStream<ChatEvent, Uint8Array> {
  const id = clock().id("chatcmpl-");
  const created = nowSeconds();
  let toolIndex = 0;
  let usage: Usage | undefined;
  let failed = false;
  let finished = false;

  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): Uint8Array => {
    const body: Record<string, unknown> = {
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (includeUsage) body.usage = null;
    return sseBytes({ data: JSON.stringify(body) });
  };

  return new TransformStream({
    start(controller) {
      controller.enqueue(chunk({ role: "assistant", content: "", refusal: null }));
    },
    transform(event, controller) {
      if (failed) return;
      switch (event.type) {
        case "text":
          if (!finished) controller.enqueue(chunk({ content: event.text }));
          break;
        case "reasoning":
          if (!finished) controller.enqueue(chunk({ reasoning_content: event.text }));
          break;
        case "tool_call":
          if (!finished) {
            controller.enqueue(
              chunk({
                tool_calls: [
                  {
                    index: toolIndex++,
                    id: event.call.id,
                    type: "function",
                    function: { name: event.call.name, arguments: event.call.arguments },
                  },
                ],
              }),
            );
          }
          break;
        case "usage":
          usage = event.usage;
          break;
        case "finish":
          if (!finished) controller.enqueue(chunk({}, event.reason));
          finished = true;
          break;
        case "error":
          failed = true;
          controller.enqueue(sseBytes({ event: "error", data: JSON.stringify(event.error.toJSON()) }));
          break;
        default:
          event satisfies never;
      }
    },
    flush(controller) {
      if (failed) return;
      if (includeUsage) {
        const body = { id, object: "chat.completion.chunk", created, model, choices: [], usage: usage ? chatUsage(usage) : null };
        controller.enqueue(sseBytes({ data: JSON.stringify(body) }));
      }
      controller.enqueue(sseBytes({ data: "[DONE]" }));
    },
  });
}
