/** Ids: OpenAI's prefix, the length and alphabet asked for, no repeats, sortable ids in creation order. */
import { describe, expect, it } from "vitest";
import { newId, newSortableId } from "../../../src/util/ids";

describe("ids", () => {
  it("have the prefix, the length and only base-62 characters", () => {
    expect(newId("chatcmpl-")).toMatch(/^chatcmpl-[0-9A-Za-z]{24}$/);
    expect(newId("call_", 9)).toMatch(/^call_[0-9A-Za-z]{9}$/);
    expect(newSortableId("msg_")).toMatch(/^msg_[0-9A-Za-z]{24}$/);
  });

  it("do not repeat across many pool refills, and use every character about equally", () => {
    const ids = Array.from({ length: 5000 }, () => newId("x"));
    expect(new Set(ids).size).toBe(ids.length);
    const counts = new Map<string, number>();
    for (const id of ids) for (const c of id.slice(1)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (5000 * 24) / 62;
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.15);
  });

  it("sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 50 }, () => newSortableId("msg_", 1_767_225_600_000));
    expect([...ids].sort()).toEqual(ids);
  });
});
