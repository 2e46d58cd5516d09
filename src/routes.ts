/**
 * The route table: every OpenAI endpoint this Worker serves, as data, one list per area
 * (each area's list lives beside its handlers). The router registers these and answers
 * 405 for a known path with another method.
 */
import { ADMIN_ROUTES } from "./api/admin/routes";
import { ASSISTANTS_ROUTES } from "./api/assistants/routes";
import { CHAT_ROUTES } from "./api/chat-routes";
import { FILES_ROUTES } from "./api/files/routes";
import { RESPONSES_ROUTES } from "./api/responses-routes";
import type { Route } from "./api/route";
import { SURFACE_ROUTES } from "./api/surface-routes";
import { VECTOR_STORES_ROUTES } from "./api/vector-stores/routes";

export type { Handler, Route } from "./api/route";

export const ROUTES: readonly Route[] = [
  ...CHAT_ROUTES,
  ...RESPONSES_ROUTES,
  ...ASSISTANTS_ROUTES,
  ...SURFACE_ROUTES,
  ...FILES_ROUTES,
  ...VECTOR_STORES_ROUTES,
  ...ADMIN_ROUTES,
];
