/** The shape of a route-table entry. */
import type { IRequest } from "itty-router";
import type { AppContext } from "./context";

export type Handler = (request: IRequest, ctx: AppContext) => Response | Promise<Response>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** itty-router pattern; `:name+` captures the rest of the path (model ids contain slashes). */
  path: string;
  handler: Handler;
  /**
   * Served without an API key. Only for URLs that are themselves the credential, as OpenAI's
   * signed image URLs are: unguessable ids that expire (today: `GET /v1/images/{id}`), and for
   * routes that check their own credential (the admin sign-in, `/admin/api/session`).
   */
  public?: true;
  /** An admin API route (`/admin/api/…`): admin credentials instead of an API key. */
  admin?: true;
}
