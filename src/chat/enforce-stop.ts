/**
 * Stop sequences, enforced on the output (Workers AI models do not all honour `stop`).
 * Text is held back only as much as could still be the start of a stop sequence, so a
 * sequence split across deltas is caught while the rest streams on. At the first match
 * the text before it is emitted with `finish: "stop"`; later text and the upstream
 * finish are dropped, usage (reported at the end) still passes.
 */
import type { ChatEvent } from "../ai/types";

export function enforceStop(stops: readonly string[] | undefined): TransformStream<ChatEvent, ChatEvent> {
  if (!stops?.length) return new TransformStream();
  const holdBack = Math.max(...stops.map((s) => s.length)) - 1;
  let pending = "";
  let stopped = false;

  return new TransformStream({
    transform(event, controller) {
      if (stopped) {
        if (event.type === "usage" || event.type === "error") controller.enqueue(event);
        return;
      }
      if (event.type !== "text") {
        if (event.type === "finish" || event.type === "tool_call" || event.type === "error") flush(controller);
        controller.enqueue(event);
        return;
      }
      pending += event.text;
      const cut = firstMatch(pending, stops);
      if (cut !== -1) {
        if (cut > 0) controller.enqueue({ type: "text", text: pending.slice(0, cut) });
        pending = "";
        stopped = true;
        controller.enqueue({ type: "finish", reason: "stop" });
        return;
      }
      // Never split a UTF-16 surrogate pair between two deltas.
      let safe = pending.length - holdBack;
      if (safe > 0 && isHighSurrogate(pending.charCodeAt(safe - 1))) safe--;
      if (safe > 0) {
        controller.enqueue({ type: "text", text: pending.slice(0, safe) });
        pending = pending.slice(safe);
      }
    },
    flush(controller) {
      if (!stopped) flush(controller);
    },
  });

  function flush(controller: TransformStreamDefaultController<ChatEvent>): void {
    if (pending) controller.enqueue({ type: "text", text: pending });
    pending = "";
  }
}

function firstMatch(text: string, stops: readonly string[]): number {
  let best = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i !== -1 && (best === -1 || i < best)) best = i;
  }
  return best;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
