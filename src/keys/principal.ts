/**
 * Who a request acts for, decided by authentication (http/auth.ts) and carried in the request
 * context: the project every stored object belongs to, and the issued key (with its policy)
 * when the bearer key was one. Keys from the API_KEYS secret, and anonymous requests, act
 * for the default project with no policy.
 */
import type { IssuedKeyPolicy, IssuedKeyRecord } from "../wire/admin-keys";

/** The project of API_KEYS keys and anonymous requests; its objects keep the unprefixed KV keys. */
export const DEFAULT_PROJECT = "default";

export interface Principal {
  project: string;
  /** The issued key's record; null for API_KEYS keys and anonymous requests. */
  key: IssuedKeyRecord | null;
}

export const DEFAULT_PRINCIPAL: Principal = { project: DEFAULT_PROJECT, key: null };

export type { IssuedKeyPolicy, IssuedKeyRecord };
