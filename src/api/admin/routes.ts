/**
 * The admin API under `/admin/api/`: every route here is `admin`, so the router checks the
 * admin credentials (src/admin/require-admin.ts) instead of an API key.
 */
import type { Route } from "../route";
import { importExport } from "./import-routes";

export const ADMIN_ROUTES: readonly Route[] = [{ method: "POST", path: "/admin/api/import", handler: importExport, admin: true }];
