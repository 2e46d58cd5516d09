/**
 * Server-sent events out: one message → `event:` (when named) and `data:` lines.
 * Used by both chat-completion chunks (unnamed) and Assistants `thread.*` events (named).
 */

export interface SseMessage {
  event?: string;
  /** Already-serialised payload (JSON text, or `[DONE]`). */
  data: string;
}

const encoder = new TextEncoder();

export function formatSse(message: SseMessage): string {
  const head = message.event ? `event: ${message.event}\n` : "";
  // JSON.stringify never emits raw newlines, so one data line suffices.
  return `${head}data: ${message.data}\n\n`;
}

/** One message as the bytes of a text/event-stream body. */
export function sseBytes(message: SseMessage): Uint8Array {
  return encoder.encode(formatSse(message));
}

/** A TransformStream from SseMessages to the bytes of a text/event-stream body. */
export function sseEncoder(): TransformStream<SseMessage, Uint8Array> {
  return new TransformStream({
    transform(message, controller) {
      controller.enqueue(encoder.encode(formatSse(message)));
    },
  });
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
};
