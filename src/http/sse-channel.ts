/**
 * A push-style SSE response body for work that runs in `waitUntil`: `emit` queues an event
 * without waiting for the client, so a slow or departed client never slows down (or fails)
 * the work, which still finishes and persists. Each event is encoded in one piece.
 */
import { type SseMessage, sseEncoder } from "./sse";

export interface SseChannel<T> {
  body: ReadableStream<Uint8Array>;
  emit(event: T): void;
  /** Ends the body; safe to call once, whatever happened. */
  close(): void;
}

export function createSseChannel<T>(toMessage: (event: T) => SseMessage): SseChannel<T> {
  const pipe = new TransformStream<SseMessage, SseMessage>();
  const writer = pipe.writable.getWriter();
  let open = true;
  return {
    body: pipe.readable.pipeThrough(sseEncoder()),
    emit(event) {
      if (!open) return;
      writer.write(toMessage(event)).catch(() => {
        open = false;
      });
    },
    close() {
      if (!open) return;
      open = false;
      writer.close().catch(() => {});
    },
  };
}
