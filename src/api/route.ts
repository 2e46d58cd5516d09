/** The shape of a route-table entry. */
import type { AppContext } from "./context";

/** A request as handlers get it: the route's path parameters (raw, undecoded) and its query string. */
export type ApiRequest = Request & {
  params: Record<string, string>;
  /** One string per name, an array when the name repeats. */
  query: Record<string, string | string[] | undefined>;
};

export type Handler = (request: ApiRequest, ctx: AppContext) => Response | Promise<Response>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path pattern (src/route-matcher.ts): `:name+` captures the rest of the path (model ids contain slashes). */
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
