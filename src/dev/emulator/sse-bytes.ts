/**
 * The Server-Sent Events Workers AI streams for a reply: one `{"response":piece}` event per
 * word-sized piece, the tool call (if any) as one event with an empty `response`, a final
 * event carrying `usage`, then `[DONE]`. Each event ends with a blank line, as on the wire.
 */
import type { EmulatorReply } from "./reply";
import { splitIntoPieces } from "./words";

/** One `data:` event with its terminating blank line. */
function event(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** The SSE events, in order, that stream `reply` (joined, they are the whole body). */
export function sseEvents(reply: EmulatorReply): string[] {
  const events =
    reply.kind === "text"
      ? splitIntoPieces(reply.text).map((piece) => event({ response: piece }))
      : [event({ response: "", tool_calls: [reply.call] })];
  events.push(event({ response: "", usage: reply.usage }), "data: [DONE]\n\n");
  return events;
}
