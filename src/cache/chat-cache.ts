/**
 * Chat completions in the response cache. The entry is the finished generation (text,
 * reasoning, tool calls, finish reason, usage), not rendered bytes, so one entry serves plain and streamed
 * requests: a hit is replayed as canonical events through the same renderers as a fresh
 * answer, with a fresh id and `created`.
 *
 * The key is the canonical ChatRequest: resolved model id, messages, tools, tool choice,
 * response format, stop sequences and every generation parameter (max_tokens after its
 * default is applied). Fields that do not change the output (`user`, `metadata`, `stream`,
 * `stream_options`) never reach the ChatRequest, so they cannot split the key; a field
 * added to ChatRequest later splits it automatically.
 */
import type { ChatEvent, ChatRequest, FinishReason } from "../ai/types";
import { type Generation, summarize } from "../chat/render-completion";

const FINISH_REASONS: readonly FinishReason[] = ["stop", "length", "tool_calls", "content_filter"];

/** What identifies a chat result. */
export function chatCacheKeyParts(request: ChatRequest): unknown {
  return { endpoint: "chat.completions", request };
}

/** `temperature: 0` or a `seed`: what CACHE_MODE=deterministic caches. */
export function isDeterministicChat(request: ChatRequest): boolean {
  return request.temperature === 0 || request.seed !== undefined;
}

/** Shape check for a stored generation (KV holds whatever an older version wrote). */
export function isGeneration(value: unknown): value is Generation {
  if (!value || typeof value !== "object") return false;
  const g = value as Record<string, unknown>;
  const usage = g.usage as Record<string, unknown> | null | undefined;
  return (
    typeof g.text === "string" &&
    (g.reasoning === undefined || typeof g.reasoning === "string") &&
    FINISH_REASONS.includes(g.finishReason as FinishReason) &&
    Array.isArray(g.toolCalls) &&
    g.toolCalls.every((c) => {
      const call = c as Record<string, unknown> | null;
      return !!call && typeof call.id === "string" && typeof call.name === "string" && typeof call.arguments === "string";
    }) &&
    !!usage &&
    typeof usage.prompt_tokens === "number" &&
    typeof usage.completion_tokens === "number" &&
    typeof usage.total_tokens === "number"
  );
}

/** A cached generation as the event stream a backend would have produced. */
export function generationEvents(generation: Generation): ChatEvent[] {
  const events: ChatEvent[] = [];
  if (generation.reasoning) events.push({ type: "reasoning", text: generation.reasoning });
  if (generation.text) events.push({ type: "text", text: generation.text });
  for (const call of generation.toolCalls) events.push({ type: "tool_call", call: { ...call } });
  events.push({ type: "usage", usage: { ...generation.usage } });
  events.push({ type: "finish", reason: generation.finishReason });
  return events;
}

/**
 * A pass-through that also accumulates the generation and hands it to `onComplete` when
 * the stream ends normally: a `finish` event was seen and no `error` event. A stream that
 * fails, or that the client cancels, never completes, so it is never stored.
 */
export function recordGeneration(onComplete: (generation: Generation) => void): TransformStream<ChatEvent, ChatEvent> {
  const events: ChatEvent[] = [];
  return new TransformStream({
    transform(event, controller) {
      events.push(event);
      controller.enqueue(event);
    },
    flush() {
      // The same summary the plain response is rendered from; only a normal end is stored.
      if (events.some((e) => e.type === "error") || !events.some((e) => e.type === "finish")) return;
      onComplete(summarize(events));
    },
  });
}
