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
import { makeKey } from "../src/keys/key-format.ts";

// The format lives in one TypeScript module shared with the admin API; Node >= 22.18 (the
// project's `node` devDependency, the Docker image) runs it directly by stripping its types.
export { makeKey, randomBase62 } from "../src/keys/key-format.ts";

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
