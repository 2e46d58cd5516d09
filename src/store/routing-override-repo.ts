/**
 * The admin console's routing override: one KV key holding the whole routing document, written
 * only when an admin saves or resets it (never on a request path; requests read it through
 * the isolate cache in src/admin/routing-override.ts).
 */
import type { RoutingDocument } from "../wire/admin-routing";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";

export interface StoredRouting {
  document: RoutingDocument;
  /** Unix seconds. */
  updated_at: number;
}

export class RoutingOverrideRepo {
  constructor(private readonly store: JsonKv) {}

  get(): Promise<StoredRouting | null> {
    return this.store.get<StoredRouting>(keys.routingOverride());
  }

  put(value: StoredRouting): Promise<void> {
    return this.store.put(keys.routingOverride(), value);
  }

  delete(): Promise<void> {
    return this.store.delete(keys.routingOverride());
  }
}
