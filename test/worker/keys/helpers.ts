/** Shared setup for the issued-key tests: a Worker with an admin password and one API_KEYS key, and admin calls. */
import OpenAI from "openai";
import { expect } from "vitest";
import { countingDo } from "../../helpers/counting-do";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, type TestWorker, testWorker } from "../../helpers/worker";
import type { CreatedKey } from "../../../src/wire/admin-keys";

export const ADMIN_PASSWORD = "admin-secret-pw";
const ORIGIN = new URL(BASE_URL).origin;

export function keysWorker() {
  const worker = testWorker({ vars: { ADMIN_PASSWORD, API_KEYS: "sk-test", KV_WRITE_SPACING_MS: "0" } });
  // Count requests to the key limiters the way the helper counts THREADS.
  const limits = countingDo(worker.env.KEY_LIMITS);
  worker.env.KEY_LIMITS = limits.namespace;
  return { worker, limits };
}

/** An admin API call with the admin password as Bearer token. */
export function admin(worker: TestWorker, method: string, path: string, body?: unknown, password = ADMIN_PASSWORD): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${password}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return worker.fetch(`${ORIGIN}/admin/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function createKey(worker: TestWorker, body: Record<string, unknown> = {}): Promise<CreatedKey> {
  const response = await admin(worker, "POST", "/keys", { name: "test key", user: "alice", ...body });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedKey;
}

/** The official SDK using an issued key against the same Worker. */
export function clientFor(worker: TestWorker, key: string): OpenAI {
  return new OpenAI({ baseURL: BASE_URL, apiKey: key, fetch: worker.fetch, maxRetries: 0 });
}

/** Asserts OpenAI's error envelope with this status and returns the error object. */
export async function expectError(
  response: Response,
  status: number,
): Promise<{ message: string; type: string; param: string | null; code: string | null }> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
  expectSchema("ErrorResponse", body);
  return body.error;
}
