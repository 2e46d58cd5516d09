/**
 * Bearer-key authentication, deciding the request's Principal (keys/principal.ts).
 *
 * Keys from the API_KEYS secret act for the default project: comparison hashes both sides and
 * uses the runtime's constant-time compare, checking every key, so timing tells nothing about
 * which key (or how much of one) matched. Any other key is looked up as an issued key by its
 * SHA-256 (store/api-keys-repo.ts), so the key itself is never stored or compared in clear.
 */
import type { Config } from "../config";
import { DEFAULT_PRINCIPAL, type Principal } from "../keys/principal";
import { sha256, toHex } from "../keys/key-digest";
import { hasKeyShape } from "../keys/key-format";
import { lookupIssuedKey } from "../keys/lookup-issued-key";
import { OpenAIError } from "./errors";

export async function authenticate(request: Request, config: Config, kv: KVNamespace): Promise<Principal> {
  // ALLOW_ANONYMOUS applies only while API_KEYS is empty (then an unknown key is anonymous too).
  const anonymous = config.allowAnonymous && config.apiKeys.length === 0;
  const header = request.headers.get("authorization") ?? "";
  const given = /^Bearer\s+(.+)$/i.exec(header.trim())?.[1]?.trim();
  if (!given) {
    if (anonymous) return DEFAULT_PRINCIPAL;
    if (config.apiKeys.length === 0) throw noKeysConfigured();
    throw new OpenAIError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      { code: "missing_api_key" },
    );
  }
  const digest = await bearerDigest(given);
  if (config.apiKeys.length > 0 && (await keyMatches(digest, config.apiKeys))) return DEFAULT_PRINCIPAL;
  // Only values shaped like an issued key cost a lookup (a stray `sk-test` costs no KV read).
  const issued = hasKeyShape(given) ? await lookupIssuedKey(kv, toHex(digest)) : null;
  if (issued) return { project: issued.project, key: issued };
  if (anonymous) return DEFAULT_PRINCIPAL;
  if (config.apiKeys.length === 0) throw noKeysConfigured();
  throw new OpenAIError(401, "Incorrect API key provided.", { code: "invalid_api_key" });
}

function noKeysConfigured(): OpenAIError {
  return new OpenAIError(
    401,
    'No API keys are configured on this ai-forwarder deployment. Set them with `wrangler secret put API_KEYS` (comma-separated), issue keys in the admin console (/admin), or set ALLOW_ANONYMOUS="true" to serve without keys.',
    { code: "no_api_keys_configured" },
  );
}

/**
 * SHA-256 of a bearer value, remembered per isolate for the last MAX_REMEMBERED values: a
 * client sends the same key on every request, and `crypto.subtle.digest` was the largest single
 * cost of a plain chat request in workerd's profile (bench: chat vs floor). The memo changes
 * nothing but the cost: the digest still goes through the same constant-time compare and the
 * same issued-key lookup. Only the values' own hashes are compared on lookup (a Map), and an
 * isolate already holds every key it is sent; a client spraying random keys only refills it.
 */
const MAX_REMEMBERED = 256;
const remembered = new Map<string, Promise<ArrayBuffer>>();

function bearerDigest(given: string): Promise<ArrayBuffer> {
  let digest = remembered.get(given);
  if (!digest) {
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
    digest = sha256(given);
    remembered.set(given, digest);
  }
  return digest;
}

// Digests of the configured keys, computed once per key list (configs are reused per isolate).
const keyDigests = new WeakMap<readonly string[], Promise<ArrayBuffer[]>>();

async function keyMatches(given: ArrayBuffer, keys: readonly string[]): Promise<boolean> {
  let digests = keyDigests.get(keys);
  if (!digests) {
    digests = Promise.all(keys.map(sha256));
    keyDigests.set(keys, digests);
  }
  let ok = false;
  for (const digest of await digests) {
    // Always compare against every key: no early exit.
    const equal = timingSafeEqual(given, digest);
    ok = ok || equal;
  }
  return ok;
}

/** workerd provides crypto.subtle.timingSafeEqual; both sides must have the same length. */
export function timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean {
  return (crypto.subtle as SubtleCrypto & { timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean }).timingSafeEqual(a, b);
}
