/**
 * The console's session, stateless: the cookie is `{expiry}.{nonce}.{signature}`, signed with
 * HMAC-SHA256 under a key derived from ADMIN_PASSWORD, so signing in writes nothing anywhere
 * and changing the password signs every session out. The CSRF token is a second HMAC of the
 * same session under another label: a page can only learn it from `GET /admin/api/session`
 * (same origin, the cookie is HttpOnly), and it changes with every session. Signatures are
 * compared in constant time.
 */
import { timingSafeEqual } from "../http/auth";

/** How long a session lasts, in seconds (the cookie's Max-Age too). */
export const SESSION_SECONDS = 30 * 60;

const encoder = new TextEncoder();
// One imported key per password an isolate has seen (normally one).
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function keyFor(password: string): Promise<CryptoKey> {
  let key = hmacKeys.get(password);
  if (!key) {
    if (hmacKeys.size > 4) hmacKeys.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(`ai-forwarder admin v1\0${password}`), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    hmacKeys.set(password, key);
  }
  return key;
}

/** HMAC of a labelled message: the label keeps session signatures and CSRF tokens apart. */
async function mac(password: string, label: "session" | "csrf", payload: string): Promise<string> {
  return hex(await crypto.subtle.sign("HMAC", await keyFor(password), encoder.encode(`${label}|${payload}`)));
}

/** A new session value expiring SESSION_SECONDS after `now` (unix seconds). */
export async function createSession(password: string, now: number): Promise<string> {
  const payload = `${now + SESSION_SECONDS}.${hex(crypto.getRandomValues(new Uint8Array(16)).buffer)}`;
  return `${payload}.${await mac(password, "session", payload)}`;
}

/** Whether `value` is a session this password signed that has not expired at `now`. */
export async function verifySession(password: string, value: string, now: number): Promise<boolean> {
  const match = /^(\d{1,12})\.([0-9a-f]{32})\.([0-9a-f]{64})$/.exec(value);
  if (!match) return false;
  const [, expiry, nonce, signature] = match as unknown as [string, string, string, string];
  if (Number(expiry) <= now) return false;
  return sameText(signature, await mac(password, "session", `${expiry}.${nonce}`));
}

/** The CSRF token of a (verified) session. */
export function csrfToken(password: string, session: string): Promise<string> {
  return mac(password, "csrf", session);
}

/** Whether `given` is the CSRF token of `session`, compared in constant time. */
export async function csrfMatches(password: string, session: string, given: string): Promise<boolean> {
  return sameText(given, await csrfToken(password, session));
}

function sameText(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  return x.byteLength === y.byteLength && timingSafeEqual(x.buffer as ArrayBuffer, y.buffer as ArrayBuffer);
}

function hex(buffer: ArrayBuffer): string {
  let out = "";
  for (const b of new Uint8Array(buffer)) out += b.toString(16).padStart(2, "0");
  return out;
}
