/**
 * Cuts a byte stream into chunks the way a network does: at irregular places that respect
 * neither event nor character boundaries. Consumers that split on "\n\n" per read or decode
 * without `{stream: true}` break on these chunks, which is the point. The cuts come from a
 * seeded PRNG, so a failing test replays exactly.
 */
import { mulberry32 } from "./prng";

/** Longest chunk the random walk produces, in bytes. */
const MAX_CHUNK = 48;

/**
 * `bytes` cut into chunks whose concatenation is `bytes`. Cut positions depend only on `seed`
 * and the bytes, and always include one inside the first SSE event (mid-JSON) and one inside
 * the first multi-byte UTF-8 character, if there is one. Each chunk is a copy.
 */
export function chunkIrregularly(bytes: Uint8Array, seed: number): Uint8Array[] {
  if (bytes.length < 2) return bytes.length === 0 ? [] : [bytes.slice()];
  const random = mulberry32(seed);
  const cuts = new Set<number>();
  for (let at = step(random); at < bytes.length; at += step(random)) cuts.add(at);
  cuts.add(insideFirstEvent(bytes));
  const lead = bytes.findIndex((b) => b >= 0xc0);
  if (lead !== -1 && lead + 1 < bytes.length) cuts.add(lead + 1);

  const ends = [...cuts].sort((a, b) => a - b);
  ends.push(bytes.length);
  let start = 0;
  return ends.map((end) => {
    const chunk = bytes.slice(start, end);
    start = end;
    return chunk;
  });
}

/** A 32-bit seed derived from the bytes themselves (FNV-1a), for content-seeded chunking. */
export function seedFromBytes(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

function step(random: () => number): number {
  return 1 + Math.floor(random() * MAX_CHUNK);
}

/** The middle of the first "\n\n"-terminated event (of the whole buffer if there is none). */
function insideFirstEvent(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) {
      end = i;
      break;
    }
  }
  return Math.max(1, Math.floor(end / 2));
}
