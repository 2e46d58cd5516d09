/**
 * OpenAI-style ids (`chatcmpl-…`, `call_…`, `msg_…`). Ids of stored entities carry a
 * base-36 millisecond timestamp first, so that lexical order is creation order.
 */
import { customAlphabet } from "nanoid";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const random = customAlphabet(ALPHABET, 24);

/** A random id with OpenAI's prefix convention, e.g. `newId("chatcmpl-")`. */
export function newId(prefix: string, size = 24): string {
  return prefix + (size === 24 ? random() : customAlphabet(ALPHABET, size)());
}

// Workers freeze Date.now() between I/O, so ids made in one request share a millisecond;
// a per-isolate monotonic clock keeps their order (and makes them strictly increasing).
let lastMillis = 0;

/** Fixed-width base-62 milliseconds, then randomness: sorts by creation time. */
export function newSortableId(prefix: string, now = Date.now()): string {
  lastMillis = now > lastMillis ? now : lastMillis + 1;
  let t = "";
  let n = lastMillis;
  for (let i = 0; i < 8; i++) {
    t = ALPHABET[n % 62] + t;
    n = Math.floor(n / 62);
  }
  return prefix + t + customAlphabet(ALPHABET, 16)();
}
