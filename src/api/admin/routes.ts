/**
 * The admin API under `/admin/api/`: every route here is `admin`, so the router checks the
 * admin credentials (src/admin/require-admin.ts) instead of an API key; the session routes
 * check the password themselves.
 */
import type { Route } from "../route";
import { importExport } from "./import-routes";
import { KEYS_ADMIN_ROUTES } from "./keys-routes";
import { ROUTING_ROUTES } from "./routing-routes";
import { SESSION_ROUTES } from "./session-routes";
import { USAGE_ADMIN_ROUTES } from "./usage-routes";

export const ADMIN_ROUTES: readonly Route[] = [
  ...SESSION_ROUTES,
  ...KEYS_ADMIN_ROUTES,
  ...USAGE_ADMIN_ROUTES,
  ...ROUTING_ROUTES,
  { method: "POST", path: "/admin/api/import", handler: importExport, admin: true },
];
