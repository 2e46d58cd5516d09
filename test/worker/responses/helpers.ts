/** Shared fixtures and assertions for the Responses tests. */
import { expect } from "vitest";

export const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  // null means "the default", which the Responses API fills in as true.
  strict: null,
  description: "Current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
    required: ["city", "unit"],
    additionalProperties: false,
  },
};

interface LocatedEvent {
  type: string;
  sequence_number: number;
  output_index?: number;
  item_id?: string;
  item?: { id?: string };
}

/**
 * Sequence numbers are 0, 1, 2, …; every delta names an item that was added at its
 * output_index and not yet done.
 */
export function expectEventOrder(events: readonly LocatedEvent[]): void {
  expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
  const open = new Map<number, string>();
  for (const e of events) {
    if (e.type === "response.output_item.added") open.set(e.output_index ?? -1, e.item?.id ?? "");
    else if (e.type === "response.output_item.done") {
      expect(open.get(e.output_index ?? -1)).toBe(e.item?.id);
      open.delete(e.output_index ?? -1);
    } else if (e.item_id !== undefined) expect(open.get(e.output_index ?? -1)).toBe(e.item_id);
  }
  expect(open.size).toBe(0);
}
