#!/usr/bin/env node
/**
 * keygen: mint an API key for one client of this Worker.
 *
 *   node scripts/keygen.mjs NAME      (npm run keygen -- NAME, docker compose run --rm keygen NAME)
 *
 * The key is `sk-NAME-<43 base62 chars>`: ~256 bits from Web Crypto, with NAME in clear so a
 * leaked or retired key can be found in the API_KEYS list. Only the key goes to stdout (so
 * `KEY=$(node scripts/keygen.mjs alice)` works); how to install it goes to stderr.
 */

import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const RANDOM_CHARS = 43; // 43 * log2(62) ≈ 256 bits
const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

/** `count` uniformly random base62 characters (rejection sampling: no modulo bias). */
export function randomBase62(count) {
  let out = "";
  while (out.length < count) {
    const bytes = crypto.getRandomValues(new Uint8Array(count * 2));
    for (const b of bytes) {
      if (b < 248 && out.length < count) out += ALPHABET[b % 62]; // 248 = 4 * 62
    }
  }
  return out;
}

/** A new key for `name`; throws on a name that is not 1-32 letters, digits or inner dashes. */
export function makeKey(name) {
  if (!NAME_RE.test(name)) {
    throw new Error(
      `invalid NAME ${JSON.stringify(name)}: use 1-32 letters, digits and dashes (not at the start or end), e.g. "alice" or "team-app"`,
    );
  }
  return `sk-${name}-${randomBase62(RANDOM_CHARS)}`;
}

function main(argv) {
  const name = argv[0];
  if (argv.length !== 1 || name === "-h" || name === "--help") {
    process.stderr.write("usage: node scripts/keygen.mjs NAME   (NAME: letters, digits, dashes)\n");
    return argv.length === 1 ? 0 : 2;
  }
  let key;
  try {
    key = makeKey(name);
  } catch (e) {
    process.stderr.write(`keygen: ${e.message}\n`);
    return 2;
  }
  process.stdout.write(`${key}\n`);
  process.stderr.write(`
Add it to the API_KEYS secret, a comma-separated list. \`secret put\` replaces the whole
value and a secret cannot be read back, so paste every key that should keep working:

  npx wrangler secret put API_KEYS           (or: docker compose run --rm secret)
  > sk-existing-...,${key}

Clients then send:  Authorization: Bearer ${key}
(OpenAI SDKs: api_key / OPENAI_API_KEY = this key.)
`);
  return 0;
}

// Run as a script (not imported by a test); realpath because Node resolves symlinks for main.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
