/**
 * The console's session cookie: HttpOnly (scripts cannot read it), Secure, SameSite=Strict (no
 * other site's page can make the browser send it), scoped to `/admin`, and short-lived.
 * Browsers accept `Secure` cookies from http://localhost and http://127.0.0.1 too, so the
 * console works under `npm start`.
 */
import { SESSION_SECONDS } from "./session-token";

export const SESSION_COOKIE = "ai_forwarder_admin";

const ATTRIBUTES = "HttpOnly; Secure; SameSite=Strict; Path=/admin";

/** The Set-Cookie value that starts a session. */
export function sessionCookie(value: string): string {
  return `${SESSION_COOKIE}=${value}; ${ATTRIBUTES}; Max-Age=${SESSION_SECONDS}`;
}

/** The Set-Cookie value that ends it. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`;
}

/** The session cookie's value in a request, if it carries one. */
export function readSessionCookie(request: Request): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
