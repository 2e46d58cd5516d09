/**
 * "Test connection" for one upstream: `GET {base_url}/models` with the upstream's key and
 * headers, bounded by a timeout, reported as data (reachable? status, latency, the models it
 * lists) rather than as an error, since a failing upstream is the answer the admin asked for.
 * The key never appears in the result: it is blanked out of any upstream text shown.
 */
import { type UpstreamEndpoint, upstreamAuthHeaders, upstreamEndpoints } from "../ai/providers/openai-compatible/upstream-endpoints";
import type { RoutingTable } from "../ai/registry/routing-table";
import type { UpstreamTestResult } from "../wire/admin-routing";

/** The longest a test waits for the upstream, whatever its own timeout_ms. */
export const TEST_TIMEOUT_MS = 10_000;
const MAX_MODELS = 500;

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/** Tests the upstream `name` of `table`; `env` holds the secrets. */
export async function testUpstream(
  table: RoutingTable,
  name: string,
  env: object,
  fetcher: Fetcher = fetch,
  clock: () => number = Date.now,
): Promise<UpstreamTestResult> {
  let endpoint: UpstreamEndpoint;
  try {
    // Reads the key from the secret the upstream names; a missing secret is the answer.
    endpoint = upstreamEndpoints([name], table, env)[0] as UpstreamEndpoint;
  } catch (err) {
    return { ok: false, status: null, latency_ms: 0, error: err instanceof Error ? err.message : String(err) };
  }
  const redact = (text: string) => (endpoint.key ? text.split(endpoint.key).join("[redacted]") : text);
  const started = clock();
  const timeoutMs = Math.min(endpoint.config.timeoutMs, TEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetcher(`${endpoint.config.baseUrl}/models`, {
      method: "GET",
      headers: upstreamAuthHeaders(endpoint),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return {
      ok: false,
      status: null,
      latency_ms: clock() - started,
      error: timedOut ? `No answer within ${timeoutMs} ms.` : `Could not reach the upstream: ${redact(String(err))}`,
    };
  }
  const text = await response.text();
  const latency = clock() - started;
  if (!response.ok) {
    return { ok: false, status: response.status, latency_ms: latency, error: `HTTP ${response.status}: ${redact(text.slice(0, 300))}` };
  }
  const models = modelIds(text);
  return { ok: true, status: response.status, latency_ms: latency, ...(models ? { models } : {}) };
}

/** Model ids from an OpenAI-style list (`{data:[{id}]}`), or undefined when the body is not one. */
function modelIds(text: string): string[] | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const data = (body as { data?: unknown }).data;
    if (!Array.isArray(data)) return undefined;
    return data
      .map((m) => (m as { id?: unknown }).id)
      .filter((id): id is string => typeof id === "string")
      .slice(0, MAX_MODELS);
  } catch {
    return undefined;
  }
}
