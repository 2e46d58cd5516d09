/**
 * The routing configuration as the admin API shows and takes it: the UPSTREAMS and ROUTES
 * vars' JSON, side by side in one document (src/ai/registry/routing-table.ts reads both).
 */

export interface UpstreamDocument {
  base_url: string;
  /** The name of the secret holding the upstream's key (never the key itself). */
  api_key_secret?: string;
  api_key_header?: string;
  headers?: Record<string, string>;
  timeout_ms?: number;
}

export interface RouteDocument {
  model: string;
  upstream: string;
  upstream_model?: string;
  mode?: "translate" | "passthrough";
  fallback?: string[];
}

export interface RoutingDocument {
  upstreams: Record<string, UpstreamDocument>;
  routes: RouteDocument[];
  passthrough_upstream: string | null;
}

/** `GET /admin/api/routing`: the table in force and where it comes from. */
export interface RoutingView extends RoutingDocument {
  /** `kv`: the console's override (`PUT`); `vars`: the UPSTREAMS/ROUTES/PASSTHROUGH_UPSTREAM vars. */
  source: "vars" | "kv";
  /** Unix seconds the override was saved; null for the vars. */
  updated_at: number | null;
  /** What is wrong with the vars, when they cannot be used (then every routed request is a 500). */
  problem: string | null;
}

/** `POST /admin/api/upstreams/{name}/test`. */
export interface UpstreamTestResult {
  ok: boolean;
  /** The upstream's HTTP status; null when it could not be reached. */
  status: number | null;
  latency_ms: number;
  /** Model ids from the upstream's `GET /models`, when it answered with a list. */
  models?: string[];
  error?: string;
}
