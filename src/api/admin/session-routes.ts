/**
 * `/admin/api/session`: the console signs in with the admin password (POST), asks whether it
 * is signed in and for its CSRF token (GET), and signs out (DELETE). These routes
 * authenticate by themselves (the password is the credential), so the router lets them
 * through as `public`; without ADMIN_PASSWORD they answer 403 `admin_disabled`, which the
 * console shows as "how to turn me on".
 */
import type { ApiRequest } from "../route";
import { adminPassword, assertSameOrigin } from "../../admin/require-admin";
import { clearedSessionCookie, readSessionCookie, sessionCookie } from "../../admin/session-cookie";
import { createSession, csrfToken, verifySession } from "../../admin/session-token";
import { attemptPassword } from "../../admin/sign-in-attempt";
import { OpenAIError, invalidParam } from "../../http/errors";
import { readJsonObject } from "../../http/read-json";
import type { Route } from "../route";
import type { AppContext } from "../context";

const NO_STORE = { "content-type": "application/json", "cache-control": "no-store" };

async function signIn(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const req = request as unknown as Request;
  const password = adminPassword(ctx.env);
  assertSameOrigin(req);
  const body = await readJsonObject(req, 4096);
  if (typeof body.password !== "string" || body.password === "") throw invalidParam("password", "`password` must be a non-empty string.");
  const now = Date.now();
  const outcome = await attemptPassword({ ...ctx.env, ADMIN_PASSWORD: password }, req, body.password, now);
  if (outcome.kind === "refused") return outcome.response;
  if (outcome.kind === "wrong") throw new OpenAIError(401, "Incorrect admin password.", { code: "invalid_admin_password" });
  const session = await createSession(password, Math.floor(now / 1000));
  return new Response(JSON.stringify({ signed_in: true, csrf_token: await csrfToken(password, session) }), {
    headers: { ...NO_STORE, "set-cookie": sessionCookie(session) },
  });
}

async function status(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const password = adminPassword(ctx.env);
  const session = readSessionCookie(request as unknown as Request);
  const valid = session !== undefined && (await verifySession(password, session, Math.floor(Date.now() / 1000)));
  const body = { signed_in: valid, csrf_token: valid ? await csrfToken(password, session) : null };
  return new Response(JSON.stringify(body), { headers: NO_STORE });
}

function signOut(request: ApiRequest, ctx: AppContext): Response {
  adminPassword(ctx.env);
  assertSameOrigin(request as unknown as Request);
  return new Response(JSON.stringify({ signed_in: false, csrf_token: null }), {
    headers: { ...NO_STORE, "set-cookie": clearedSessionCookie() },
  });
}

export const SESSION_ROUTES: readonly Route[] = [
  { method: "POST", path: "/admin/api/session", handler: signIn, public: true },
  { method: "GET", path: "/admin/api/session", handler: status, public: true },
  { method: "DELETE", path: "/admin/api/session", handler: signOut, public: true },
];
