/**
 * One admin password attempt (console sign-in or a Bearer ADMIN_PASSWORD request): compared in
 * constant time, then reported to the client IP's guard (sign-in-guard.ts), which may refuse
 * it. One Durable Object request per attempt; a cookie session needs none afterwards.
 */
import { timingSafeEqual } from "../http/auth";
import { OpenAIError, errorResponse } from "../http/errors";
import type { AdminSignInGuard } from "./sign-in-guard";

const encoder = new TextEncoder();

/** What admin authentication reads from the Worker's env. */
export interface AdminEnv {
  ADMIN_PASSWORD?: string;
  ADMIN_GUARD: DurableObjectNamespace<AdminSignInGuard>;
}

export type AttemptOutcome = { kind: "right" } | { kind: "wrong" } | { kind: "refused"; response: Response };

/** Checks `given` against the admin password and asks the guard whether to honour the answer. */
export async function attemptPassword(
  env: AdminEnv & { ADMIN_PASSWORD: string },
  request: Request,
  given: string,
  now: number,
): Promise<AttemptOutcome> {
  const right = await sameSecret(given, env.ADMIN_PASSWORD);
  const verdict = await env.ADMIN_GUARD.getByName(clientIp(request)).attempt(right, now);
  if (!verdict.allowed) return { kind: "refused", response: tooManyAttempts(verdict.retryAfterSeconds) };
  return right ? { kind: "right" } : { kind: "wrong" };
}

/** The client's IP as Cloudflare reports it; requests without one (local tools) share a guard. */
function clientIp(request: Request): string {
  return request.headers.get("cf-connecting-ip")?.trim() || "unknown";
}

function tooManyAttempts(retryAfterSeconds: number): Response {
  return errorResponse(
    new OpenAIError(429, `Too many wrong admin passwords from your address. Try again in ${retryAfterSeconds} seconds.`, {
      code: "too_many_sign_in_attempts",
    }),
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** Constant-time comparison of two secrets of any length (compares their SHA-256 digests). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return timingSafeEqual(da, db);
}
