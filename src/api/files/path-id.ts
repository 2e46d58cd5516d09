/** A path parameter that must be an id of a given prefix; anything else is the kind's 404 (no KV read). */
import type { ApiRequest } from "../route";
import { pathIdWithPrefix } from "../../http/path-segment";
import { type FilesKind, notFound } from "../../vector-stores/not-found";

export function pathId(request: ApiRequest, name: string, prefix: string, kind: FilesKind): string {
  return pathIdWithPrefix(request.params[name], prefix, (id) => notFound(kind, id));
}
