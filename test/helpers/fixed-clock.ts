/**
 * A fixed clock and counting ids for tests that assert exact bytes: every `created` and
 * `*_at` is the same second, and ids are `<prefix>0001`, `<prefix>0002`, … per prefix (so
 * sortable ids still sort by creation).
 */
import { afterEach, beforeEach } from "vitest";
import { type Clock, setClock } from "../../src/util/clock";

/** The second every fixed-clock timestamp reads. */
export const FIXED_SECONDS = 1_750_000_000;

export function fixedClock(): Clock {
  const counters = new Map<string, number>();
  const next = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${String(n).padStart(4, "0")}`;
  };
  return { now: () => FIXED_SECONDS * 1000, id: next, sortableId: next };
}

/** Gives each test in the calling file a fresh fixed clock, restoring the system clock after. */
export function useFixedClock(): void {
  let restore: (() => void) | undefined;
  beforeEach(() => {
    restore = setClock(fixedClock());
  });
  afterEach(() => restore?.());
}
