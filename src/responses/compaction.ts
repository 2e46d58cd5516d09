/**
 * Compaction items: a context sealed into an opaque `encrypted_content` that, passed back as
 * an input item, restores that context. Sealed with AES-256-GCM under a key derived from the
 * deployment's secret, so it is both unreadable and tamper-evident: a modified, truncated or
 * foreign blob is refused with a 400, never silently decoded.
 *
 * Format: `afc1.` + base64url(12-byte IV ‖ ciphertext+tag) of the JSON item list.
 */
import { invalidParam } from "../http/errors";
import { base64ToBytes, bytesToBase64 } from "../util/base64";
import type { ResponseItem } from "../wire/responses";

const PREFIX = "afc1.";
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest("SHA-256", encoder.encode(`ai-forwarder/compaction/v1\u0000${secret}`))
      .then((raw) => crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
    keys.set(secret, key);
  }
  return key;
}

/** Seals items into an `encrypted_content` string. */
export async function sealItems(items: readonly ResponseItem[], secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFor(secret), encoder.encode(JSON.stringify(items))),
  );
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return PREFIX + bytesToBase64(out).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The items sealed in `encrypted_content`; a 400 naming `param` when it is not authentic. */
export async function openItems(encrypted: string, secret: string, param: string): Promise<ResponseItem[]> {
  const invalid = () => invalidParam(param, "The encrypted content could not be verified or decrypted.", "invalid_encrypted_content");
  if (!encrypted.startsWith(PREFIX)) throw invalid();
  let bytes: Uint8Array;
  try {
    const b64 = encrypted.slice(PREFIX.length).replaceAll("-", "+").replaceAll("_", "/");
    bytes = base64ToBytes(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw invalid();
  }
  if (bytes.length < 12 + 16) throw invalid();
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.subarray(0, 12) }, await keyFor(secret), bytes.subarray(12));
    return JSON.parse(new TextDecoder().decode(plain)) as ResponseItem[];
  } catch {
    throw invalid();
  }
}

/** Replaces each compaction item with the items it seals. */
export async function expandCompactions(items: readonly ResponseItem[], secret: string, param = "input"): Promise<ResponseItem[]> {
  if (!items.some((i) => i.type === "compaction")) return [...items];
  const out: ResponseItem[] = [];
  for (const [i, item] of items.entries()) {
    if (item.type === "compaction") out.push(...(await openItems(item.encrypted_content, secret, `${param}[${i}].encrypted_content`)));
    else out.push(item);
  }
  return out;
}
