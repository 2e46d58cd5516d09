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

/** Fixed-width base-62 milliseconds, then randomness: sorts by creation time. */
export function newSortableId(prefix: string, now = Date.now()): string {
  let t = "";
  let n = now;
  for (let i = 0; i < 8; i++) {
    t = ALPHABET[n % 62] + t;
    n = Math.floor(n / 62);
  }
  return prefix + t + customAlphabet(ALPHABET, 16)();
}
