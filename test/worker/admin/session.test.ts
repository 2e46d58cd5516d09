/**
 * Admin authentication as a browser and a script see it: the console's sign-in (cookie
 * attributes, CSRF token, sign-out), Bearer ADMIN_PASSWORD for scripts, and every refusal in
 * OpenAI's error envelope: no credentials, a wrong password, a tampered or expired or
 * other-password cookie, a mutating call without the CSRF token, a foreign Origin, the sixth
 * wrong password in a minute, and no ADMIN_PASSWORD at all.
 */
import { describe, expect, it } from "vitest";
import { createSession } from "../../../src/admin/session-token";
import { testWorker } from "../../helpers/worker";

const PASSWORD = "correct horse battery staple";
const ORIGIN = "https://ai-forwarder.test";
const admin = (vars: Record<string, string> = {}) => testWorker({ vars: { ADMIN_PASSWORD: PASSWORD, KV_WRITE_SPACING_MS: "0", ...vars } });

/** A distinct client address per test, so the sign-in guard's counts do not leak between tests. */
let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter}`;

function signIn(worker: ReturnType<typeof admin>, password: string, headers: Record<string, string> = {}) {
  return worker.fetch(`${ORIGIN}/admin/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": nextIp(), ...headers },
    body: JSON.stringify({ password }),
  });
}

/** Signs in and returns the cookie pair to send back and the CSRF token. */
async function session(worker: ReturnType<typeof admin>): Promise<{ cookie: string; csrf: string }> {
  const res = await signIn(worker, PASSWORD);
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  const body = (await res.json()) as { csrf_token: string };
  return { cookie, csrf: body.csrf_token };
}

const putRouting = (worker: ReturnType<typeof admin>, headers: Record<string, string>) =>
  worker.fetch(`${ORIGIN}/admin/api/routing`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ upstreams: {}, routes: [] }),
  });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect(body.error).toMatchObject({ code });
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
}

describe("signing in", () => {
  it("sets a short-lived HttpOnly, Secure, SameSite=Strict cookie scoped to /admin and returns the CSRF token", async () => {
    const worker = admin();
    const res = await signIn(worker, PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^ai_forwarder_admin=\d+\.[0-9a-f]{32}\.[0-9a-f]{64}; /);
    for (const attribute of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/admin", "Max-Age=1800"])
      expect(setCookie).toContain(attribute);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { signed_in: boolean; csrf_token: string };
    expect(body.signed_in).toBe(true);
    expect(body.csrf_token).toMatch(/^[0-9a-f]{64}$/);
    // Stateless: signing in writes nothing.
    expect(worker.kv.counts.writes).toBe(0);

    const cookie = setCookie.split(";")[0] as string;
    const status = await worker.fetch(`${ORIGIN}/admin/api/session`, { headers: { cookie } });
    expect(await status.json()).toEqual({ signed_in: true, csrf_token: body.csrf_token });
    expect((await worker.fetch(`${ORIGIN}/admin/api/routing`, { headers: { cookie } })).status).toBe(200);
  });

  it("reports signed out without a cookie, and signing out clears the cookie", async () => {
    const worker = admin();
    const res = await worker.fetch(`${ORIGIN}/admin/api/session`);
    expect(await res.json()).toEqual({ signed_in: false, csrf_token: null });
    const out = await worker.fetch(`${ORIGIN}/admin/api/session`, { method: "DELETE" });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
  });

  it("refuses a wrong password with 401 and a body without a password with 400", async () => {
    const worker = admin();
    await expectError(await signIn(worker, "wrong"), 401, "invalid_admin_password");
    const res = await worker.fetch(`${ORIGIN}/admin/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    await expectError(res, 400, "invalid_value");
  });

  it("answers 403 admin_disabled, saying how to set ADMIN_PASSWORD, when none is set", async () => {
    const worker = testWorker();
    for (const res of [await worker.fetch(`${ORIGIN}/admin/api/session`), await worker.fetch(`${ORIGIN}/admin/api/routing`)]) {
      expect(res.status).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("admin_disabled");
      expect(body.error.message).toContain("wrangler secret put ADMIN_PASSWORD");
    }
  });
});

describe("admin API authentication", () => {
  it("answers 401 with no credentials, a wrong Bearer password, or a tampered cookie", async () => {
    const worker = admin();
    await expectError(await worker.fetch(`${ORIGIN}/admin/api/routing`), 401, "admin_auth_required");
    const wrong = await worker.fetch(`${ORIGIN}/admin/api/routing`, {
      headers: { authorization: "Bearer nope", "cf-connecting-ip": nextIp() },
    });
    await expectError(wrong, 401, "admin_auth_required");
    const { cookie } = await session(worker);
    const tampered = cookie.replace(/\d+\./, (m) => `${Number(m.slice(0, -1)) + 1}.`);
    await expectError(await worker.fetch(`${ORIGIN}/admin/api/routing`, { headers: { cookie: tampered } }), 401, "admin_auth_required");
  });

  it("refuses an expired session and one signed under another password", async () => {
    const expired = await createSession(PASSWORD, Math.floor(Date.now() / 1000) - 3600);
    const worker = admin();
    const res = await worker.fetch(`${ORIGIN}/admin/api/routing`, { headers: { cookie: `ai_forwarder_admin=${expired}` } });
    await expectError(res, 401, "admin_auth_required");
    const { cookie } = await session(worker);
    const changed = admin({ ADMIN_PASSWORD: "a new password" });
    await expectError(await changed.fetch(`${ORIGIN}/admin/api/routing`, { headers: { cookie } }), 401, "admin_auth_required");
  });

  it("needs the CSRF token on a cookie-authenticated mutating call, and a same-origin Origin", async () => {
    const worker = admin();
    const { cookie, csrf } = await session(worker);
    await expectError(await putRouting(worker, { cookie }), 403, "csrf_token_invalid");
    await expectError(await putRouting(worker, { cookie, "x-csrf-token": "0".repeat(64) }), 403, "csrf_token_invalid");
    await expectError(await putRouting(worker, { cookie, "x-csrf-token": csrf, origin: "https://evil.example" }), 403, "origin_mismatch");
    expect((await putRouting(worker, { cookie, "x-csrf-token": csrf, origin: ORIGIN })).status).toBe(200);
    // Another session's token does not fit this one.
    const other = await session(worker);
    await expectError(await putRouting(worker, { cookie, "x-csrf-token": other.csrf }), 403, "csrf_token_invalid");
    await worker.fetch(`${ORIGIN}/admin/api/routing`, { method: "DELETE", headers: { authorization: `Bearer ${PASSWORD}` } });
  });

  it("refuses a sign-in from another origin", async () => {
    await expectError(await signIn(admin(), PASSWORD, { origin: "https://evil.example" }), 403, "origin_mismatch");
  });

  it("takes the Bearer admin password without a CSRF token", async () => {
    const worker = admin();
    expect((await putRouting(worker, { authorization: `Bearer ${PASSWORD}` })).status).toBe(200);
    await worker.fetch(`${ORIGIN}/admin/api/routing`, { method: "DELETE", headers: { authorization: `Bearer ${PASSWORD}` } });
  });
});

describe("the sign-in rate limit", () => {
  it("refuses the sixth attempt after five wrong passwords in a minute, the right one too, with 429 and retry-after", async () => {
    const worker = admin();
    const ip = "203.0.113.7";
    for (let i = 0; i < 5; i++)
      await expectError(await signIn(worker, `guess ${i}`, { "cf-connecting-ip": ip }), 401, "invalid_admin_password");
    const refused = await signIn(worker, PASSWORD, { "cf-connecting-ip": ip });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expectError(refused, 429, "too_many_sign_in_attempts");
    // Bearer attempts from that address are refused too; another address is not.
    const bearer = await worker.fetch(`${ORIGIN}/admin/api/routing`, {
      headers: { authorization: `Bearer ${PASSWORD}`, "cf-connecting-ip": ip },
    });
    await expectError(bearer, 429, "too_many_sign_in_attempts");
    expect((await signIn(worker, PASSWORD, { "cf-connecting-ip": "203.0.113.8" })).status).toBe(200);
  });

  it("counts wrong Bearer passwords, but not right ones", async () => {
    const worker = admin();
    const ip = "203.0.113.9";
    const get = (password: string) =>
      worker.fetch(`${ORIGIN}/admin/api/routing`, { headers: { authorization: `Bearer ${password}`, "cf-connecting-ip": ip } });
    for (let i = 0; i < 10; i++) expect((await get(PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await get("wrong")).status).toBe(401);
    expect((await get(PASSWORD)).status).toBe(429);
  });
});
