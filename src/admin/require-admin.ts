/**
 * Admin authentication for `/admin/api/*`. Without an ADMIN_PASSWORD secret there is no admin
 * API at all (403 saying how to set it). With one, a request is admin when it carries
 * either
 * - `Authorization: Bearer <ADMIN_PASSWORD>` (the import CLI, scripts, tests): each attempt
 *   goes through the sign-in guard (sign-in-attempt.ts), and needs no CSRF token, since
 *   browsers never send this header on their own; or
 * - the console's session cookie (session-token.ts), checked with no storage at all. A
 *   cookie-authenticated POST/PUT/DELETE must also carry the session's CSRF token in
 *   `x-csrf-token`, and an `Origin` header, when present, must be this Worker's own.
 */
import { OpenAIError } from "../http/errors";
import { type AdminEnv, attemptPassword } from "./sign-in-attempt";
import { readSessionCookie } from "./session-cookie";
import { csrfMatches, verifySession } from "./session-token";

export { sameSecret } from "./sign-in-attempt";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Resolves when the request is admin; a 429 Response when the sign-in guard refuses; throws 401/403 otherwise. */
export async function requireAdmin(request: Request, env: AdminEnv, now = Date.now()): Promise<Response | undefined> {
  const password = adminPassword(env);
  const given = /^Bearer\s+(.+)$/i.exec((request.headers.get("authorization") ?? "").trim())?.[1]?.trim();
  if (given) {
    const outcome = await attemptPassword({ ...env, ADMIN_PASSWORD: password }, request, given, now);
    if (outcome.kind === "refused") return outcome.response;
    if (outcome.kind === "right") return undefined;
    // The skeleton's code for every admin-auth 401, kept for scripts that match on it.
    throw new OpenAIError(401, "Incorrect admin password.", { code: "admin_auth_required" });
  }
  const session = readSessionCookie(request);
  if (!session || !(await verifySession(password, session, Math.floor(now / 1000)))) {
    throw new OpenAIError(
      401,
      session
        ? "Your admin session has expired or is no longer valid: sign in again at /admin."
        : "Admin authentication required: sign in at /admin or send the admin password as a Bearer token.",
      { code: "admin_auth_required" },
    );
  }
  if (SAFE_METHODS.has(request.method)) return undefined;
  assertSameOrigin(request);
  const token = request.headers.get("x-csrf-token") ?? "";
  if (!token || !(await csrfMatches(password, session, token))) {
    throw new OpenAIError(403, "This request needs the session's CSRF token in the x-csrf-token header (from GET /admin/api/session).", {
      code: "csrf_token_invalid",
    });
  }
  return undefined;
}

/** ADMIN_PASSWORD, or the 403 that says how to set one. */
export function adminPassword(env: { ADMIN_PASSWORD?: string }): string {
  const password = env.ADMIN_PASSWORD;
  if (password) return password;
  throw new OpenAIError(
    403,
    "The admin console is off: no ADMIN_PASSWORD is set. Set one with `npx wrangler secret put ADMIN_PASSWORD` (locally: ADMIN_PASSWORD=... in .dev.vars) and reload.",
    { type: "invalid_request_error", code: "admin_disabled" },
  );
}

/** A browser's `Origin`, when it sends one, must be this Worker's own (403 otherwise). */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null || origin === new URL(request.url).origin) return;
  throw new OpenAIError(403, `Cross-origin admin requests are refused (Origin: ${origin.slice(0, 200)}).`, { code: "origin_mismatch" });
}
