/**
 * Every model the registry knows, keyed by backend id, with the provider that serves it and
 * its kind; the built-in OpenAI names and the kind each belongs to; the retired-id map; and
 * the id namespaces a provider takes uncatalogued. A new provider adds its models, names and
 * namespaces here; nothing else in the resolver changes.
 */
import type { ProviderId } from "../providers/types";
import { type ModelInfo, RETIRED_MODELS, TEXT_MODELS } from "./model-catalog";
import { LEGACY_COMPLETION_NAMES, SURFACE_MODELS, type SurfaceKind, type SurfaceModelInfo, surfaceAlias } from "./surface-catalog";

/** A catalogued model: who serves it, what kind it is, and its catalog facts. */
export type CatalogEntry =
  | { provider: ProviderId; kind: "chat"; info: ModelInfo }
  | { provider: ProviderId; kind: SurfaceKind; info: SurfaceModelInfo };

/** The provider of ids that no catalog or namespace claims but an operator's alias names. */
export const DEFAULT_PROVIDER: ProviderId = "workers-ai";

const ENTRIES: ReadonlyMap<string, CatalogEntry> = new Map<string, CatalogEntry>([
  ...TEXT_MODELS.map((info): [string, CatalogEntry] => [info.id, { provider: "workers-ai", kind: "chat", info }]),
  ...SURFACE_MODELS.map((info): [string, CatalogEntry] => [info.id, { provider: "workers-ai", kind: info.kind, info }]),
]);

/** Uncatalogued ids passed through for the provider itself to judge: Workers AI's `@cf/` and `@hf/` namespaces. */
const NAMESPACES: readonly { pattern: RegExp; provider: ProviderId }[] = [{ pattern: /^@(cf|hf)\//, provider: "workers-ai" }];

/** The catalog entry of an exact backend id (aliases and retirements already resolved). */
export function findEntry(id: string): CatalogEntry | undefined {
  return ENTRIES.get(id);
}

/** The provider whose namespace an uncatalogued id is in, if any. */
export function namespaceProvider(id: string): ProviderId | undefined {
  return NAMESPACES.find((n) => n.pattern.test(id))?.provider;
}

/**
 * A built-in OpenAI name that is not in Config.aliases: its kind and, for non-chat kinds, the
 * model it maps to unless EMBEDDING_MODEL (etc.) overrides the kind. Chat names (the legacy
 * completion names) run on the chat default, DEFAULT_AI_MODEL.
 */
export function builtinAlias(name: string): BuiltinAlias | undefined {
  if ((LEGACY_COMPLETION_NAMES as readonly string[]).includes(name)) return { kind: "chat" };
  return surfaceAlias(name);
}

export type BuiltinAlias = { kind: "chat" } | { kind: SurfaceKind; model: string };

/** A retired id → its documented replacement, following chains (bounded against cycles). */
export function retiredReplacement(id: string): string {
  let current = id;
  for (let i = 0; i < 4; i++) {
    const next = RETIRED_MODELS[current];
    if (!next) break;
    current = next;
  }
  return current;
}
