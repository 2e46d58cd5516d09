/**
 * The routing table: which client model names go to which OpenAI-compatible upstream, and
 * how. Parsed from the UPSTREAMS and ROUTES vars (JSON) once per isolate, with Config; a
 * model no route matches stays with the catalog (Workers AI). A table that cannot be trusted
 * (bad JSON, a route naming an unknown upstream, a URL that is not http(s)) is not dropped:
 * it is kept as a `problem` naming the variable, and every lookup answers that as a 500
 * configuration error, so a broken deployment says what to fix instead of silently serving
 * another model.
 *
 * Upstream URLs come only from here, never from a request. Keys are not here either: an
 * upstream names the secret that holds its key (`api_key_secret`), read when it is called.
 */
import type { Config } from "../../config";
import { OpenAIError } from "../../http/errors";

/** One upstream, from UPSTREAMS. */
export interface UpstreamConfig {
  name: string;
  /** The API root, e.g. `https://api.openai.com/v1`, without a trailing slash. */
  baseUrl: string;
  /** The secret (env binding) holding the key; undefined for an upstream that takes none. */
  apiKeySecret: string | undefined;
  /** The header the key goes in: `authorization` (as `Bearer <key>`, the default) or e.g. Azure's `api-key`. */
  apiKeyHeader: string;
  /** Extra request headers (e.g. OpenRouter's `HTTP-Referer`, `X-Title`). */
  headers: Readonly<Record<string, string>>;
  /** How long to wait for the upstream's response headers before giving up (and falling back). */
  timeoutMs: number;
}

export type RouteMode = "translate" | "passthrough";

/** One route, from ROUTES. */
export interface RouteRule {
  /** The `model` pattern as written (an exact name, or a glob with `*`). */
  pattern: string;
  upstream: string;
  /** The model name sent upstream; undefined to send the client's name. */
  upstreamModel: string | undefined;
  mode: RouteMode;
  /** Upstreams tried in order after a 429, 5xx, timeout or unreachable upstream. */
  fallback: readonly string[];
}

export interface RoutingTable {
  upstreams: ReadonlyMap<string, UpstreamConfig>;
  routes: readonly RouteRule[];
  /** The upstream that serves `/v1/*` paths this Worker does not (PASSTHROUGH_UPSTREAM). */
  passthroughUpstream: string | undefined;
  /** Set when the configuration cannot be used: what is wrong, naming the variable. */
  problem: string | undefined;
}

/** The vars the table is read from. */
export interface RoutingSource {
  UPSTREAMS?: string;
  ROUTES?: string;
  PASSTHROUGH_UPSTREAM?: string;
}

/** A routed model: the rule, and the upstreams to try in order (the route's, then its fallbacks). */
export interface MatchedRoute {
  rule: RouteRule;
  chain: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 60_000;
const EMPTY: RoutingTable = { upstreams: new Map(), routes: [], passthroughUpstream: undefined, problem: undefined };

/**
 * The routing table in force: the vars, parsed once per isolate into Config, or the admin
 * console's override from KV, which the router's before-step puts into the request's Config
 * (src/admin/routing-override.ts, isolate-cached) before the request is routed. Callers never
 * read Config.routing directly.
 */
export function routingTable(config: Config): RoutingTable {
  return config.routing;
}

/** The first route whose pattern matches `model`, or undefined; a 500 if the table is misconfigured. */
export function matchRoute(table: RoutingTable, model: string): MatchedRoute | undefined {
  assertUsable(table);
  const rule = table.routes.find((r) => globMatches(r.pattern, model));
  return rule ? { rule, chain: [rule.upstream, ...rule.fallback] } : undefined;
}

/** Throws the table's configuration problem, if it has one. */
export function assertUsable(table: RoutingTable): void {
  if (table.problem) throw configError(table.problem);
}

/** A 500-class error for a deployment whose routing configuration is wrong. */
export function configError(message: string): OpenAIError {
  return new OpenAIError(500, `ai-forwarder is misconfigured: ${message}`, { type: "server_error", code: "upstream_config_invalid" });
}

/** `*` matches any run of characters; everything else matches itself. */
export function globMatches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(name);
}

/** Parses UPSTREAMS, ROUTES and PASSTHROUGH_UPSTREAM; never throws (see `problem`). */
export function parseRoutingTable(source: RoutingSource): RoutingTable {
  if (!source.UPSTREAMS?.trim() && !source.ROUTES?.trim() && !source.PASSTHROUGH_UPSTREAM?.trim()) return EMPTY;
  try {
    const upstreams = parseUpstreams(source.UPSTREAMS);
    const routes = parseRoutes(source.ROUTES, upstreams);
    const passthroughUpstream = source.PASSTHROUGH_UPSTREAM?.trim() || undefined;
    if (passthroughUpstream && !upstreams.has(passthroughUpstream)) {
      throw new ConfigProblem(`PASSTHROUGH_UPSTREAM names \`${passthroughUpstream}\`, which UPSTREAMS does not define.`);
    }
    return { upstreams, routes, passthroughUpstream, problem: undefined };
  } catch (err) {
    if (!(err instanceof ConfigProblem)) throw err;
    console.error(`routing configuration: ${err.message}`);
    return { ...EMPTY, problem: err.message };
  }
}

class ConfigProblem extends Error {}

function parseJson(raw: string | undefined, name: string): unknown {
  const text = raw?.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigProblem(`${name} is not valid JSON.`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseUpstreams(raw: string | undefined): Map<string, UpstreamConfig> {
  const parsed = parseJson(raw, "UPSTREAMS") ?? {};
  if (!isRecord(parsed)) throw new ConfigProblem('UPSTREAMS must be a JSON object: { "<name>": { "base_url": "https://…/v1", … } }.');
  const out = new Map<string, UpstreamConfig>();
  for (const [name, value] of Object.entries(parsed)) out.set(name, parseUpstream(name, value));
  return out;
}

function parseUpstream(name: string, value: unknown): UpstreamConfig {
  const at = `UPSTREAMS.${name}`;
  if (!isRecord(value)) throw new ConfigProblem(`${at} must be an object with a base_url.`);
  const baseUrl = value.base_url;
  if (typeof baseUrl !== "string" || !/^https?:\/\/[^/]/.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new ConfigProblem(`${at}.base_url must be an http(s) URL such as "https://api.openai.com/v1".`);
  }
  const secret = optionalText(value.api_key_secret, `${at}.api_key_secret`);
  const header = optionalText(value.api_key_header, `${at}.api_key_header`)?.toLowerCase() ?? "authorization";
  const headers: Record<string, string> = {};
  if (value.headers !== undefined) {
    if (!isRecord(value.headers)) throw new ConfigProblem(`${at}.headers must be an object of header names to strings.`);
    for (const [k, v] of Object.entries(value.headers)) {
      if (typeof v !== "string") throw new ConfigProblem(`${at}.headers.${k} must be a string.`);
      headers[k.toLowerCase()] = v;
    }
  }
  const timeout = value.timeout_ms;
  if (timeout !== undefined && (typeof timeout !== "number" || !Number.isInteger(timeout) || timeout <= 0)) {
    throw new ConfigProblem(`${at}.timeout_ms must be a positive whole number of milliseconds.`);
  }
  return {
    name,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    apiKeySecret: secret,
    apiKeyHeader: header,
    headers,
    timeoutMs: typeof timeout === "number" ? timeout : DEFAULT_TIMEOUT_MS,
  };
}

function optionalText(value: unknown, at: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new ConfigProblem(`${at} must be a non-empty string.`);
  return value.trim();
}

function parseRoutes(raw: string | undefined, upstreams: ReadonlyMap<string, UpstreamConfig>): RouteRule[] {
  const parsed = parseJson(raw, "ROUTES") ?? [];
  if (!Array.isArray(parsed)) throw new ConfigProblem('ROUTES must be a JSON array: [{ "model": "gpt-4o*", "upstream": "<name>" }, …].');
  return parsed.map((value, i) => parseRoute(value, `ROUTES[${i}]`, upstreams));
}

function parseRoute(value: unknown, at: string, upstreams: ReadonlyMap<string, UpstreamConfig>): RouteRule {
  if (!isRecord(value)) throw new ConfigProblem(`${at} must be an object with "model" and "upstream".`);
  const pattern = optionalText(value.model, `${at}.model`);
  if (!pattern) throw new ConfigProblem(`${at}.model is required (an exact model name or a glob such as "gpt-4o*").`);
  const upstream = knownUpstream(value.upstream, `${at}.upstream`, upstreams);
  const mode = value.mode ?? "translate";
  if (mode !== "translate" && mode !== "passthrough") throw new ConfigProblem(`${at}.mode must be "translate" or "passthrough".`);
  const upstreamModel = optionalText(value.upstream_model, `${at}.upstream_model`);
  if (upstreamModel && mode === "passthrough") {
    throw new ConfigProblem(`${at}.upstream_model cannot be used with mode "passthrough", which forwards the request body unchanged.`);
  }
  const rawFallback = value.fallback ?? [];
  if (!Array.isArray(rawFallback)) throw new ConfigProblem(`${at}.fallback must be an array of upstream names.`);
  const fallback = rawFallback.map((f, j) => knownUpstream(f, `${at}.fallback[${j}]`, upstreams));
  return { pattern, upstream, upstreamModel, mode, fallback };
}

function knownUpstream(value: unknown, at: string, upstreams: ReadonlyMap<string, UpstreamConfig>): string {
  const name = optionalText(value, at);
  if (!name) throw new ConfigProblem(`${at} is required: the name of an upstream in UPSTREAMS.`);
  if (!upstreams.has(name)) throw new ConfigProblem(`${at} names \`${name}\`, which UPSTREAMS does not define.`);
  return name;
}
