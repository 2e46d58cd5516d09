/**
 * Cache keys: the canonical JSON of what determines a response, hashed with SHA-256 (Web
 * Crypto). Canonical means object keys sorted and `undefined` members dropped, so two
 * requests that differ only in field order or in an absent-vs-undefined field share a key;
 * array order is kept (message, tool and stop order change the output).
 */

const encoder = new TextEncoder();

/** Bumped when the stored value's shape or the key's inputs change, so old entries are never read. */
export const CACHE_KEY_VERSION = 1;

/** JSON with object keys sorted at every depth and `undefined` members left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * The hash that names one cache entry: the canonical key parts, with the key version and the
 * partition (the project, cache-scope.ts) when there is one.
 */
export function cacheKeyHash(keyParts: unknown, partition?: string): Promise<string> {
  return sha256Hex(canonicalJson({ v: CACHE_KEY_VERSION, project: partition, parts: keyParts }));
}
