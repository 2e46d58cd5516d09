/**
 * The routing table in force: the admin console's override (KV `config/routing`) when one is
 * saved, else the UPSTREAMS/ROUTES vars. Requests read the override through an isolate cache:
 * one KV read per isolate per OVERRIDE_CACHE_MS (also when there is none), none per request on
 * a warm isolate. A save or reset in an isolate applies to it at once; other isolates see it
 * within OVERRIDE_CACHE_MS of KV showing it to them (KV propagates a write to other
 * locations within about 60 s).
 */
import type { RoutingTable } from "../ai/registry/routing-table";
import { parseRoutingTable } from "../ai/registry/routing-table";
import type { Config } from "../config";
import { createStores } from "../store";
import type { StoredRouting } from "../store/routing-override-repo";
import type { RoutingDocument } from "../wire/admin-routing";
import { documentSource } from "./routing-document";

export const OVERRIDE_CACHE_MS = 30_000;

export interface RoutingOverride {
  stored: StoredRouting;
  table: RoutingTable;
}

// One slot per isolate: the override is global, whichever wrapper of the namespace asks.
let cached: { override: RoutingOverride | null; until: number } | undefined;
let loading: Promise<RoutingOverride | null> | undefined;

/** The saved override (isolate-cached), or null when the vars apply. */
export function cachedRoutingOverride(kv: KVNamespace, now = Date.now()): Promise<RoutingOverride | null> | RoutingOverride | null {
  if (cached && cached.until > now) return cached.override;
  loading ??= readRoutingOverride(kv, now)
    .catch((err: unknown) => {
      // A KV hiccup keeps what this isolate knew rather than failing the request.
      console.warn("routing override: KV read failed; keeping the last known table", err);
      return cached?.override ?? null;
    })
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

/** Reads the override from KV (no cache) and refreshes the isolate's copy. */
export async function readRoutingOverride(kv: KVNamespace, now = Date.now()): Promise<RoutingOverride | null> {
  const stored = await createStores(kv).routingOverride.get();
  return remember(stored ? { stored, table: parseRoutingTable(documentSource(stored.document)) } : null, now);
}

/** Saves a validated document as the override; this isolate uses it from the next request. */
export async function saveRoutingOverride(
  kv: KVNamespace,
  writeSpacingMs: number,
  document: RoutingDocument,
  table: RoutingTable,
  now = Date.now(),
): Promise<RoutingOverride> {
  const stored: StoredRouting = { document, updated_at: Math.floor(now / 1000) };
  await createStores(kv, writeSpacingMs).routingOverride.put(stored);
  return remember({ stored, table }, now) as RoutingOverride;
}

/** Deletes the override: the vars apply again. */
export async function clearRoutingOverride(kv: KVNamespace, writeSpacingMs: number, now = Date.now()): Promise<void> {
  await createStores(kv, writeSpacingMs).routingOverride.delete();
  remember(null, now);
}

function remember(override: RoutingOverride | null, now: number): RoutingOverride | null {
  cached = { override, until: now + OVERRIDE_CACHE_MS };
  return override;
}

// The Config a request sees with an override: built once per (config, override) pair.
const derived = new WeakMap<RoutingTable, { base: Config; config: Config }>();

/** `config` with the override's table as its routing (routingTable() reads it from there). */
export function withRoutingOverride(config: Config, override: RoutingOverride | null): Config {
  if (!override) return config;
  const hit = derived.get(override.table);
  if (hit?.base === config) return hit.config;
  const out: Config = { ...config, routing: override.table };
  derived.set(override.table, { base: config, config: out });
  return out;
}
