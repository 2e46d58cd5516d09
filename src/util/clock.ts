/**
 * Where output gets its timestamps and ids. Everything that writes an id or a `created`
 * field into a response (chat completions and chunks, text completions, Assistants objects
 * and events) asks this module, so a test can swap in a fixed clock and counting ids and
 * assert exact bytes. Production always uses the system clock and random ids.
 */
import { newId, newSortableId } from "./ids";

/** A source of time and ids. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A random id with the given prefix (e.g. `chatcmpl-`). */
  id(prefix: string): string;
  /** An id of a stored entity (e.g. `msg_`) that sorts by creation time. */
  sortableId(prefix: string): string;
}

/** The production clock: `Date.now()`, random ids, time-ordered sortable ids. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  id: (prefix) => newId(prefix),
  sortableId: (prefix) => newSortableId(prefix),
};

let current: Clock = SYSTEM_CLOCK;

/** The clock in use. */
export function clock(): Clock {
  return current;
}

/** The clock's time in whole Unix seconds, as OpenAI's `created`/`*_at` fields carry it. */
export function nowSeconds(): number {
  return Math.floor(current.now() / 1000);
}

/** Replaces the clock (tests only); returns a function that restores the previous one. */
export function setClock(next: Clock): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}
