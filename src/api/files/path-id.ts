/** A path parameter that must be an id of a given prefix; anything else is the kind's 404 (no KV read). */
import type { IRequest } from "itty-router";
import { type FilesKind, notFound } from "../../vector-stores/not-found";

export function pathId(request: IRequest, name: string, prefix: string, kind: FilesKind): string {
  const id = decodeURIComponent(request.params[name] ?? "");
  if (!id.startsWith(prefix) || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw notFound(kind, id);
  return id;
}
