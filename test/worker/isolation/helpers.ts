/**
 * Two projects on one Worker: issued keys for projects "alpha-…" and "beta-…" (seeded in KV
 * through the repository, as the admin API stores them), an API_KEYS key for the default
 * project, and an official SDK client for each. The project names carry a random suffix so
 * files running in parallel on the same local KV never share a project.
 */
import OpenAI from "openai";
import { expect } from "vitest";
import type { AiRunner } from "../../../src/ai/types";
import type { Bindings } from "../../../src/api/context";
import { createStores } from "../../../src/store";
import { makeKey } from "../../../src/keys/key-format";
import type { IssuedKeyRecord } from "../../../src/wire/admin-keys";
import { BASE_URL, type TestWorker, testWorker } from "../../helpers/worker";

export const DEFAULT_KEY = "sk-default-isolation";

export interface Projects {
  w: TestWorker;
  /** Project alpha's client (creates the objects). */
  a: OpenAI;
  /** Project beta's client (must not find them). */
  b: OpenAI;
  /** An API_KEYS key: the default project. */
  main: OpenAI;
  alpha: string;
  beta: string;
}

export async function twoProjects(options: { ai?: AiRunner; vars?: Partial<Bindings> } = {}): Promise<Projects> {
  const w = testWorker({
    ...(options.ai ? { ai: options.ai } : {}),
    vars: { KV_WRITE_SPACING_MS: "0", API_KEYS: DEFAULT_KEY, ...options.vars },
  });
  const suffix = crypto.randomUUID().slice(0, 8);
  const alpha = `alpha-${suffix}`;
  const beta = `beta-${suffix}`;
  return {
    w,
    a: clientFor(w, await issueKey(w, "alice", alpha)),
    b: clientFor(w, await issueKey(w, "bob", beta)),
    main: clientFor(w, DEFAULT_KEY),
    alpha,
    beta,
  };
}

/** An SDK client on the Worker with this key. */
export function clientFor(w: TestWorker, apiKey: string): OpenAI {
  return new OpenAI({ baseURL: BASE_URL, apiKey, fetch: w.fetch, maxRetries: 0 });
}

/** Stores an issued key for `project` (no policy) and returns the key a client sends. */
export async function issueKey(w: TestWorker, user: string, project: string): Promise<string> {
  const key = makeKey(user);
  const record: IssuedKeyRecord = {
    id: `key_${crypto.randomUUID().replaceAll("-", "")}`,
    object: "admin.api_key",
    name: `${user}'s key`,
    user,
    project,
    redacted_value: `sk-${user}-…${key.slice(-4)}`,
    created_at: Math.floor(Date.now() / 1000),
    revoked_at: null,
    policy: { models: null, requests_per_minute: null, tokens_per_day: null, expires_at: null },
  };
  await createStores(w.env.CACHE, 0).apiKeys.put(await sha256Hex(key), record);
  return key;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** An id shaped like `id` (same prefix and length) that nothing was stored under. */
export function unknownLike(id: string): string {
  return `${id.slice(0, -4)}${id.endsWith("Zz9q") ? "Qq8w" : "Zz9q"}`;
}

/** What a client sees of a failed call, with `id` written as `<id>` so two ids' errors compare. */
export async function failure(call: Promise<unknown>, id: string): Promise<Record<string, unknown>> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OpenAI.APIError)) throw new Error(`expected an API error, got ${err === undefined ? "success" : String(err)}`);
  const body = err.error as Record<string, unknown> | undefined;
  return {
    status: err.status,
    type: body?.type,
    code: body?.code,
    param: body?.param,
    message: String(body?.message ?? "").replaceAll(id, "<id>"),
  };
}

/**
 * `use(foreign)` fails exactly as `use(unknown id)` does: same status, type, code, param and
 * message (up to the id), and a 4xx; `status` pins the status when given (404 for lookups).
 */
export async function expectLikeUnknown(
  use: (id: string) => Promise<unknown>,
  foreignId: string,
  status?: number,
): Promise<Record<string, unknown>> {
  const unknown = unknownLike(foreignId);
  const [seen, expected] = [await failure(use(foreignId), foreignId), await failure(use(unknown), unknown)];
  expect(seen).toEqual(expected);
  expect(seen.status).toBeGreaterThanOrEqual(400);
  expect(seen.status).toBeLessThan(500);
  if (status !== undefined) expect(seen.status).toBe(status);
  return seen;
}

/** 404 as for an unknown id. */
export function expectNotFound(use: (id: string) => Promise<unknown>, foreignId: string): Promise<Record<string, unknown>> {
  return expectLikeUnknown(use, foreignId, 404);
}
