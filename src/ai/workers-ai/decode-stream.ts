/**
 * A streamed Workers AI output (SSE bytes) → canonical events, as a pipeline:
 * bytes → TextDecoderStream (multi-byte characters split across reads stay whole) →
 * EventSourceParserStream (events split across reads stay whole) → toEvents.
 *
 * Each `data:` payload is one of: native `{response, tool_calls?, usage?}`, a
 * chat-completions chunk `{choices:[{delta, finish_reason}], usage?}`, or a Responses
 * stream event `{type: "response.output_text.delta", delta}` … `response.completed`.
 * Tool calls are collected (chat chunks stream their arguments in pieces) and emitted
 * whole at the end, before usage and finish. A malformed payload is skipped with a warning.
 */
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { EventSourceMessage } from "eventsource-parser/stream";
import { OpenAIError } from "../../http/errors";
import type { ChatEvent, FinishReason, ToolCall, Usage } from "../types";
import { mapFinishReason } from "./decode-output";
import { normalizeToolCall, normalizeToolCalls } from "./tool-calls";
import { readUsage } from "./usage";

export interface StreamDecodeOptions {
  /** The request's max_tokens, to tell "length" from "stop" when the backend does not say. */
  maxTokens?: number;
  /** Estimated prompt tokens, used only if the backend reports no usage. */
  promptTokens?: number;
}

export function decodeStream(bytes: ReadableStream<Uint8Array>, options: StreamDecodeOptions = {}): ReadableStream<ChatEvent> {
  return bytes.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).pipeThrough(sseToEvents(options));
}

interface PartialCall {
  id?: string;
  name: string;
  args: string;
}

/** The stateful decoder of SSE messages; exported for unit tests on recorded messages. */
export function sseToEvents(options: StreamDecodeOptions = {}): TransformStream<EventSourceMessage, ChatEvent> {
  const partials = new Map<number, PartialCall>();
  const whole: ToolCall[] = [];
  let usage: Usage | undefined;
  let finish: FinishReason | undefined;
  let textChars = 0;
  // Whether the upstream said it was done ([DONE], a finish reason, response.completed);
  // a stream that just stops without one was cut off, and must not pass for a whole answer.
  let ended = false;

  function text(controller: TransformStreamDefaultController<ChatEvent>, value: unknown): void {
    if (typeof value === "string" && value.length > 0) {
      textChars += value.length;
      controller.enqueue({ type: "text", text: value });
    }
  }

  return new TransformStream({
    transform(message, controller) {
      if (message.data === "[DONE]") {
        ended = true;
        return;
      }
      let payload: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(message.data);
        if (!parsed || typeof parsed !== "object") throw new Error("not an object");
        payload = parsed as Record<string, unknown>;
      } catch {
        console.warn("skipping a malformed event from Workers AI:", message.data.slice(0, 200));
        return;
      }
      usage = readUsage(payload.usage) ?? usage;

      if (Array.isArray(payload.choices)) {
        for (const choice of payload.choices as Record<string, unknown>[]) {
          const delta = (choice?.delta ?? {}) as Record<string, unknown>;
          text(controller, delta.content);
          for (const d of Array.isArray(delta.tool_calls) ? (delta.tool_calls as Record<string, unknown>[]) : []) {
            mergeToolCallDelta(partials, d);
          }
          finish = mapFinishReason(choice?.finish_reason) ?? finish;
          if (finish) ended = true;
        }
        return;
      }
      if (typeof payload.type === "string" && payload.type.startsWith("response.")) {
        if (payload.type === "response.output_text.delta") text(controller, payload.delta);
        if (payload.type === "response.output_item.done") {
          const item = payload.item as Record<string, unknown> | undefined;
          if (item?.type === "function_call") {
            const call = normalizeToolCall(item);
            if (call) whole.push(call);
          }
        }
        if (payload.type === "response.completed" || payload.type === "response.incomplete") {
          const response = payload.response as Record<string, unknown> | undefined;
          usage = readUsage(response?.usage) ?? usage;
          if (payload.type === "response.incomplete") finish = "length";
          ended = true;
        }
        return;
      }
      text(controller, typeof payload.response === "string" ? payload.response : undefined);
      whole.push(...normalizeToolCalls(payload.tool_calls));
    },

    flush(controller) {
      if (!ended) {
        controller.enqueue({
          type: "error",
          error: new OpenAIError(502, "The Workers AI stream ended before the answer was complete.", {
            type: "server_error",
            code: "upstream_stream_cut",
          }),
        });
        return;
      }
      const calls = [...whole];
      for (const [, p] of [...partials.entries()].sort(([a], [b]) => a - b)) {
        const call = normalizeToolCall({ id: p.id, function: { name: p.name, arguments: p.args } });
        if (call) calls.push(call);
      }
      for (const call of calls) controller.enqueue({ type: "tool_call", call });
      const finalUsage = usage ?? estimatedUsage(options.promptTokens ?? 0, textChars);
      controller.enqueue({ type: "usage", usage: finalUsage });
      let reason: FinishReason = finish ?? "stop";
      if (calls.length > 0) reason = "tool_calls";
      else if (!finish && options.maxTokens !== undefined && finalUsage.completion_tokens >= options.maxTokens) reason = "length";
      controller.enqueue({ type: "finish", reason });
    },
  });
}

function mergeToolCallDelta(partials: Map<number, PartialCall>, d: Record<string, unknown>): void {
  const index = typeof d.index === "number" ? d.index : partials.size;
  const fn = (d.function ?? {}) as Record<string, unknown>;
  const p = partials.get(index) ?? { name: "", args: "" };
  if (typeof d.id === "string" && d.id) p.id = d.id;
  if (typeof fn.name === "string") p.name += fn.name;
  if (typeof fn.arguments === "string") p.args += fn.arguments;
  else if (fn.arguments && typeof fn.arguments === "object") p.args = JSON.stringify(fn.arguments);
  partials.set(index, p);
}

function estimatedUsage(promptTokens: number, textChars: number): Usage {
  const completion = Math.ceil(textChars / 4);
  return { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
}
