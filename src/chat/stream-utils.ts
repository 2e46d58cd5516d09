/**
 * Small stream helpers shared by the generation pipeline.
 */
import { type OpenAIError, toOpenAIError } from "../http/errors";
import type { ChatEvent } from "../ai/types";

/** A ReadableStream of a fixed list of values. */
export function streamOf<T>(values: readonly T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const v of values) controller.enqueue(v);
      controller.close();
    },
  });
}

/**
 * Re-emits `source`, turning a failure mid-way into a final `error` event instead of an
 * errored stream, so every consumer (SSE renderers, collectors) ends cleanly and says why.
 */
export function catchStreamErrors(
  source: ReadableStream<ChatEvent>,
  mapError: (err: unknown) => OpenAIError = toOpenAIError,
): ReadableStream<ChatEvent> {
  const reader = source.getReader();
  return new ReadableStream<ChatEvent>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        controller.enqueue({ type: "error", error: mapError(err) });
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Reads every event; used where non-streaming is "the stream, collected". */
export async function collectEvents(events: ReadableStream<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}
