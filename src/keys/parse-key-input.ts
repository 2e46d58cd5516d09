/**
 * The admin API's key bodies → typed values: `POST /admin/api/keys` (create) and
 * `POST /admin/api/keys/{id}` (edit). Every rule is checked here, each failure a 400 in
 * OpenAI's envelope naming the field: user as keygen's NAME (the key's `{user}` part),
 * project names safe inside KV keys, policy limits positive integers, model globs short
 * strings, expiry a future time in unix seconds.
 */
import { invalidParam } from "../http/errors";
import { type Body, arrayTooLong, optionalObject, requiredString, typeError } from "../http/validate";
import type { IssuedKeyPolicy } from "../wire/admin-keys";
import { USER_RE } from "./key-format";
import { DEFAULT_PROJECT } from "./principal";

/** Project names: lowercase letters, digits, `_` and `-`, 1-64 characters, starting with a letter or digit. */
export const PROJECT_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_NAME = 128;
const MAX_GLOBS = 32;
const MAX_GLOB = 128;

export const NO_LIMITS: IssuedKeyPolicy = { models: null, requests_per_minute: null, tokens_per_day: null, expires_at: null };

export interface NewKeyInput {
  name: string;
  user: string;
  project: string;
  policy: IssuedKeyPolicy;
}

export interface KeyEdit {
  name?: string;
  policy: IssuedKeyPolicy;
}

/** A create body; `nowSeconds` judges `expires_at`. */
export function parseNewKey(body: Body, nowSeconds: number): NewKeyInput {
  const name = parseName(body);
  const user = requiredString(body, "user");
  if (!USER_RE.test(user)) {
    throw invalidParam("user", "Invalid 'user': use 1-32 letters, digits and dashes (not at the start or end), e.g. \"alice\".");
  }
  const project = body.project === undefined || body.project === null ? DEFAULT_PROJECT : requiredString(body, "project");
  if (!PROJECT_RE.test(project)) {
    throw invalidParam("project", "Invalid 'project': use 1-64 lowercase letters, digits, '_' and '-', starting with a letter or digit.");
  }
  return { name, user, project, policy: parsePolicy(body, NO_LIMITS, nowSeconds) };
}

/** An edit body over the key's current policy: fields sent replace theirs (null lifts a limit), others stay. */
export function parseKeyEdit(body: Body, current: IssuedKeyPolicy, nowSeconds: number): KeyEdit {
  const edit: KeyEdit = { policy: parsePolicy(body, current, nowSeconds) };
  if (body.name !== undefined && body.name !== null) edit.name = parseName(body);
  return edit;
}

function parseName(body: Body): string {
  const name = requiredString(body, "name").trim();
  if (name.length === 0 || name.length > MAX_NAME) {
    throw invalidParam("name", `Invalid 'name': expected 1-${MAX_NAME} characters.`);
  }
  return name;
}

function parsePolicy(body: Body, base: IssuedKeyPolicy, nowSeconds: number): IssuedKeyPolicy {
  const raw = optionalObject(body, "policy");
  if (!raw) return { ...base };
  const out: IssuedKeyPolicy = { ...base };
  if ("models" in raw) out.models = parseGlobs(raw.models);
  if ("requests_per_minute" in raw) out.requests_per_minute = positiveInt(raw.requests_per_minute, "policy.requests_per_minute");
  if ("tokens_per_day" in raw) out.tokens_per_day = positiveInt(raw.tokens_per_day, "policy.tokens_per_day");
  if ("expires_at" in raw) {
    const at = positiveInt(raw.expires_at, "policy.expires_at");
    if (at !== null && at <= nowSeconds) {
      throw invalidParam("policy.expires_at", "Invalid 'policy.expires_at': expected a time in the future (unix seconds).");
    }
    out.expires_at = at;
  }
  return out;
}

function parseGlobs(value: unknown): string[] | null {
  const param = "policy.models";
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) throw typeError(param, "an array of strings or null", value);
  if (value.length > MAX_GLOBS) throw arrayTooLong(param, MAX_GLOBS, value.length);
  return value.map((glob, i) => {
    if (typeof glob !== "string") throw typeError(`${param}[${i}]`, "a string", glob);
    if (glob.length === 0 || glob.length > MAX_GLOB) {
      throw invalidParam(`${param}[${i}]`, `Invalid '${param}[${i}]': expected 1-${MAX_GLOB} characters.`);
    }
    return glob;
  });
}

function positiveInt(value: unknown, param: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw typeError(param, "a positive integer or null", value);
  return value;
}
