/**
 * Admin authentication for `/admin/api/*`. Without an ADMIN_PASSWORD secret there is no admin
 * API at all (403 saying how to set it). With one, a request is admin when it carries
 * `Authorization: Bearer <ADMIN_PASSWORD>` (the import CLI and scripts; browsers never send
 * this header on their own, so it needs no CSRF token), compared in constant time.
 * The console's cookie session (and its CSRF token) are checked here too once it exists.
 */
import { timingSafeEqual } from "../http/auth";
import { OpenAIError } from "../http/errors";

const encoder = new TextEncoder();

export async function requireAdmin(request: Request, adminPassword: string | undefined): Promise<void> {
  if (!adminPassword) {
    throw new OpenAIError(
      403,
      "The admin console is off: no ADMIN_PASSWORD is set. Set one with `npx wrangler secret put ADMIN_PASSWORD` (locally: ADMIN_PASSWORD=... in .dev.vars) and reload.",
      { type: "invalid_request_error", code: "admin_disabled" },
    );
  }
  const given = /^Bearer\s+(.+)$/i.exec((request.headers.get("authorization") ?? "").trim())?.[1]?.trim();
  if (given && (await sameSecret(given, adminPassword))) return;
  throw new OpenAIError(401, "Admin authentication required: sign in at /admin or send the admin password as a Bearer token.", {
    code: "admin_auth_required",
  });
}

/** Constant-time comparison of two secrets of any length (compares their SHA-256 digests). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return timingSafeEqual(da, db);
}
