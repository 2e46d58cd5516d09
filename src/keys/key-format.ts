/**
 * The format of client keys, shared by `scripts/keygen.mjs` (keys for the API_KEYS secret) and
 * the admin API (issued keys): `sk-{user}-{43 base62 chars}`, ~256 bits from Web Crypto, with
 * the user in clear so a leaked key can be traced. Plain TypeScript with no imports, so Node
 * runs it directly (type stripping) when keygen.mjs imports it.
 */

export const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 43 * log2(62) ≈ 256 bits. */
export const RANDOM_CHARS = 43;
/** 1-32 letters, digits and inner dashes: safe inside the comma-separated API_KEYS list. */
export const USER_RE: RegExp = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

/** Whether a bearer value has the issued-key shape; others are never looked up (no KV read for them). */
export function hasKeyShape(key: string): boolean {
  return /^sk-[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?-[A-Za-z0-9]{43}$/.test(key);
}

/** `count` uniformly random base62 characters (rejection sampling: no modulo bias). */
export function randomBase62(count: number): string {
  let out = "";
  while (out.length < count) {
    const bytes = crypto.getRandomValues(new Uint8Array(count * 2));
    for (const b of bytes) {
      if (b < 248 && out.length < count) out += ALPHABET[b % 62]; // 248 = 4 * 62
    }
  }
  return out;
}

/** A new key for `user`; throws on a user that is not 1-32 letters, digits or inner dashes. */
export function makeKey(user: string): string {
  if (!USER_RE.test(user)) {
    throw new Error(
      `invalid NAME ${JSON.stringify(user)}: use 1-32 letters, digits and dashes (not at the start or end), e.g. "alice" or "team-app"`,
    );
  }
  return `sk-${user}-${randomBase62(RANDOM_CHARS)}`;
}

/** `sk-alice-...x7Qa`: enough of a key to recognise it, far too little to use it. */
export function redactKey(key: string): string {
  const dash = key.lastIndexOf("-");
  return `${key.slice(0, dash + 1)}...${key.slice(-4)}`;
}
