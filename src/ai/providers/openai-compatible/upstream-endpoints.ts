/**
 * A route's upstream names → endpoints ready to call: the upstream's configuration and the key
 * read from the secret it names. A missing upstream or secret is a 500 naming the variable to
 * fix (a configuration error, not the client's), raised before anything is sent.
 */
import { type RoutingTable, type UpstreamConfig, configError } from "../../registry/routing-table";

export interface UpstreamEndpoint {
  config: UpstreamConfig;
  /** The key from the upstream's secret; undefined for an upstream configured without one. */
  key: string | undefined;
}

/** The endpoints for `names`, in order; `env` holds the secrets. */
export function upstreamEndpoints(names: readonly string[], table: RoutingTable, env: object): UpstreamEndpoint[] {
  return names.map((name) => {
    const config = table.upstreams.get(name);
    if (!config) throw configError(`the upstream \`${name}\` is not defined in UPSTREAMS.`);
    return { config, key: readSecret(env, config) };
  });
}

function readSecret(env: object, config: UpstreamConfig): string | undefined {
  const name = config.apiKeySecret;
  if (name === undefined) return undefined;
  // Secrets are plain string bindings on env; which one is named by configuration.
  const value: unknown = Reflect.get(env, name);
  if (typeof value !== "string" || value.trim() === "") {
    throw configError(
      `UPSTREAMS.${config.name}.api_key_secret names the secret \`${name}\`, which is not set (\`wrangler secret put ${name}\`).`,
    );
  }
  return value.trim();
}

/** The headers every call to the upstream carries: its configured extras and its key. */
export function upstreamAuthHeaders(endpoint: UpstreamEndpoint): Record<string, string> {
  const headers: Record<string, string> = { ...endpoint.config.headers };
  const { key } = endpoint;
  if (key !== undefined) headers[endpoint.config.apiKeyHeader] = endpoint.config.apiKeyHeader === "authorization" ? `Bearer ${key}` : key;
  return headers;
}

/** Every key of `endpoints`, to blank out of anything shown or logged. */
export function keysOf(endpoints: readonly UpstreamEndpoint[]): string[] {
  return endpoints.flatMap((e) => (e.key ? [e.key] : []));
}
