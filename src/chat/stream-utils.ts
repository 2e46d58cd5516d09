/**
 * Small stream helpers shared by the generation pipeline.
 *
 * A non-streamed answer goes through the same event stream as a streamed one (one pipeline),
 * but a whole answer from the backend starts as an array: `streamOf` remembers that array,
 * and `collectEvents` returns it without reading the stream when nothing has read it yet (no
 * policy stage, meter or cache recorder was put in between). Enqueuing and reading each event
 * back was most of the non-streaming handler's own CPU in the in-process profile.
 */
import type { ChatEvent } from "../ai/types";

/** Streams made by `streamOf` that nothing has pulled from yet, with their values. */
const unread = new WeakMap<ReadableStream<unknown>, readonly unknown[]>();

/** A ReadableStream of a fixed list of values (enqueued when first read, not before). */
export function streamOf<T>(values: readonly T[]): ReadableStream<T> {
  const stream: ReadableStream<T> = new ReadableStream<T>(
    {
      pull(controller) {
        unread.delete(stream);
        for (const v of values) controller.enqueue(v);
        controller.close();
      },
    },
    // No read ahead: `pull` runs only when a reader asks, so an unread stream stays unread.
    { highWaterMark: 0 },
  );
  unread.set(stream, values);
  return stream;
}

/** Reads every event; used where non-streaming is "the stream, collected". */
export async function collectEvents(events: ReadableStream<ChatEvent>): Promise<ChatEvent[]> {
  const values = unread.get(events);
  if (values && !events.locked) {
    unread.delete(events);
    return [...(values as readonly ChatEvent[])];
  }
  const out: ChatEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}
