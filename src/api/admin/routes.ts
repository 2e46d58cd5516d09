/**
 * The admin API under `/admin/api/`: every route here is `admin`, so the router checks the
 * admin credentials (src/admin/require-admin.ts) instead of an API key.
 */
import type { Route } from "../route";
import { KEYS_ADMIN_ROUTES } from "./keys-routes";
import { USAGE_ADMIN_ROUTES } from "./usage-routes";

export const ADMIN_ROUTES: readonly Route[] = [...KEYS_ADMIN_ROUTES, ...USAGE_ADMIN_ROUTES];
