/** A path parameter that must be an id of a given prefix; anything else is the kind's 404 (no KV read). */
import type { IRequest } from "itty-router";
import { pathIdWithPrefix } from "../../http/path-segment";
import { type FilesKind, notFound } from "../../vector-stores/not-found";

export function pathId(request: IRequest, name: string, prefix: string, kind: FilesKind): string {
  return pathIdWithPrefix(request.params[name], prefix, (id) => notFound(kind, id));
}
