/**
 * Bearer-key authentication. Keys come from the API_KEYS secret; comparison hashes both
 * sides and uses the runtime's constant-time compare, checking every key, so timing tells
 * nothing about which key (or how much of one) matched.
 */
import type { Config } from "../config";
import { OpenAIError } from "./errors";

const encoder = new TextEncoder();

export async function authenticate(request: Request, config: Config): Promise<void> {
  if (config.apiKeys.length === 0) {
    if (config.allowAnonymous) return;
    throw new OpenAIError(
      401,
      'No API keys are configured on this ai-forwarder deployment. Set them with `wrangler secret put API_KEYS` (comma-separated), or set ALLOW_ANONYMOUS="true" to serve without keys.',
      { code: "no_api_keys_configured" },
    );
  }
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new OpenAIError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      { code: "missing_api_key" },
    );
  }
  if (!(await keyMatches(match[1].trim(), config.apiKeys))) {
    throw new OpenAIError(401, "Incorrect API key provided.", { code: "invalid_api_key" });
  }
}

// Digests of the configured keys, computed once per key list (configs are reused per isolate).
const keyDigests = new WeakMap<readonly string[], Promise<ArrayBuffer[]>>();

async function keyMatches(candidate: string, keys: readonly string[]): Promise<boolean> {
  let digests = keyDigests.get(keys);
  if (!digests) {
    digests = Promise.all(keys.map(sha256));
    keyDigests.set(keys, digests);
  }
  const [given, known] = await Promise.all([sha256(candidate), digests]);
  let ok = false;
  for (const digest of known) {
    // Always compare against every key: no early exit.
    const equal = timingSafeEqual(given, digest);
    ok = ok || equal;
  }
  return ok;
}

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

function timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean {
  // workerd provides crypto.subtle.timingSafeEqual; both digests have the same length.
  return (crypto.subtle as SubtleCrypto & { timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean }).timingSafeEqual(a, b);
}
