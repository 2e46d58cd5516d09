/**
 * The bridge between the run engine and a streaming client: `emit` pushes `thread.*`
 * events into an SSE response body. The engine runs in `waitUntil` and never waits on the
 * client, so a client that disconnects stops receiving events while the run still
 * completes and persists. Events are named (`event: thread.message.delta`), as the SDK
 * requires; the stream ends with `event: done` / `data: [DONE]`, or `event: error` first if
 * the run failed before it could start.
 */
import { type SseMessage, sseEncoder } from "../http/sse";
import type { AssistantStreamEvent } from "../wire/assistants";

export interface EventStream {
  body: ReadableStream<Uint8Array>;
  emit(event: AssistantStreamEvent): void;
  /** Sends `done` and closes; safe to call once the engine has finished, whatever happened. */
  close(): void;
}

export function createEventStream(): EventStream {
  const pipe = new TransformStream<AssistantStreamEvent, SseMessage>({
    transform(event, controller) {
      controller.enqueue({ event: event.event, data: typeof event.data === "string" ? event.data : JSON.stringify(event.data) });
    },
  });
  const writer = pipe.writable.getWriter();
  let open = true;
  const write = (event: AssistantStreamEvent) => {
    if (!open) return;
    // Not awaited: the engine must not slow down for (or fail with) the client.
    writer.write(event).catch(() => {
      open = false;
    });
  };
  return {
    body: pipe.readable.pipeThrough(sseEncoder()),
    emit: write,
    close() {
      write({ event: "done", data: "[DONE]" });
      if (open) {
        open = false;
        writer.close().catch(() => {});
      }
    },
  };
}
