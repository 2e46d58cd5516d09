import { describe, expect, it } from "vitest";
import type { ChatEvent } from "../../../src/ai/types";
import { enforceStop } from "../../../src/chat/enforce-stop";
import { collectEvents, streamOf } from "../../../src/chat/stream-utils";

const usage = { prompt_tokens: 1, completion_tokens: 9, total_tokens: 10 };

async function run(pieces: string[], stops: string[]): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [
    ...pieces.map((text) => ({ type: "text" as const, text })),
    { type: "usage", usage },
    { type: "finish", reason: "length" },
  ];
  return collectEvents(streamOf(events).pipeThrough(enforceStop(stops)));
}

const text = (events: ChatEvent[]) => events.map((e) => (e.type === "text" ? e.text : "")).join("");

describe("enforceStop", () => {
  it("cuts at a stop sequence split across deltas and finishes with stop, keeping usage", async () => {
    const events = await run(["Hello wo", "rld EN", "D more text"], ["END"]);
    expect(text(events)).toBe("Hello world ");
    expect(events.filter((e) => e.type === "finish")).toEqual([{ type: "finish", reason: "stop" }]);
    expect(events.at(-1)).toEqual({ type: "usage", usage });
  });

  it("uses the earliest of several stop sequences", async () => {
    expect(text(await run(["a;b.c"], [".", ";"]))).toBe("a");
  });

  it("passes everything through unchanged when no stop matches, holding back only a tail", async () => {
    const events = await run(["abc", "def", "ghi"], ["xyz"]);
    expect(text(events)).toBe("abcdefghi");
    expect(events.at(-1)).toEqual({ type: "finish", reason: "length" });
  });

  it("never splits a surrogate pair across deltas", async () => {
    const events = await run(["ab😀", "cd"], ["zz"]);
    for (const e of events) if (e.type === "text") expect(e.text).not.toMatch(/[\ud800-\udbff]$/);
    expect(text(events)).toBe("ab😀cd");
  });

  it("is a pass-through without stops", async () => {
    expect(text(await run(["a", "b"], []))).toBe("ab");
  });
});
