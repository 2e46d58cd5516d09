/**
 * OpenAI-style ids (`chatcmpl-…`, `call_…`, `msg_…`). Ids of stored entities carry a
 * base-62 millisecond timestamp first, so that lexical order is creation order.
 *
 * Random characters come from a pool of `crypto.getRandomValues` bytes, refilled 4 KiB at a
 * time: every request makes at least one id, and one `getRandomValues` call per id was a
 * visible share of a plain chat request's CPU (bench:cpu). Each byte is used once; a byte is
 * kept only below 248 (4 × 62), so every character is equally likely.
 */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const POOL_BYTES = 4096;
/** The largest multiple of 62 that fits a byte: bytes from here up would favour some characters. */
const UNBIASED_LIMIT = 248;

let pool = new Uint8Array(0);
let next = 0;

/** ALPHABET's character codes. */
const CODES = Uint16Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** Reused for the codes of one id: one string made from them, not one string per character. */
let scratch = new Uint16Array(32);

/** `size` random characters of ALPHABET. */
function randomChars(size: number): string {
  if (scratch.length < size) scratch = new Uint16Array(size);
  let n = 0;
  while (n < size) {
    if (next >= pool.length) {
      // Allocated on first use: no randomness at global scope in a Worker.
      if (pool.length === 0) pool = new Uint8Array(POOL_BYTES);
      crypto.getRandomValues(pool);
      next = 0;
    }
    const byte = pool[next++] as number;
    if (byte < UNBIASED_LIMIT) scratch[n++] = CODES[byte % 62] as number;
  }
  return String.fromCharCode.apply(null, scratch.subarray(0, size) as unknown as number[]);
}

/** A random id with OpenAI's prefix convention, e.g. `newId("chatcmpl-")`. */
export function newId(prefix: string, size = 24): string {
  return prefix + randomChars(size);
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
  return prefix + t + randomChars(16);
}
