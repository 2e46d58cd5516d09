/**
 * Small stream helpers shared by the generation pipeline.
 */
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

/** Reads every event; used where non-streaming is "the stream, collected". */
export async function collectEvents(events: ReadableStream<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}
