/**
 * The one generation path: backend → output policies (stop sequences, single tool call
 * when `parallel_tool_calls: false`). Chat completions and Assistants runs both call this;
 * non-streaming callers collect the same stream.
 */
import type { ChatBackend, ChatEvent, ChatRequest } from "../ai/types";
import { enforceStop } from "./enforce-stop";

export async function generate(
  backend: ChatBackend,
  request: ChatRequest,
  options: { stream: boolean; signal?: AbortSignal },
): Promise<ReadableStream<ChatEvent>> {
  const events = await backend.generate(request, options);
  // Each stage costs CPU per token, so policies join the pipeline only when asked for.
  let out = events;
  if (request.stop?.length) out = out.pipeThrough(enforceStop(request.stop));
  if (request.parallelToolCalls === false) out = out.pipeThrough(firstToolCallOnly());
  return out;
}

function firstToolCallOnly(): TransformStream<ChatEvent, ChatEvent> {
  let seen = false;
  return new TransformStream({
    transform(event, controller) {
      if (event.type === "tool_call") {
        if (seen) return;
        seen = true;
      }
      controller.enqueue(event);
    },
  });
}
