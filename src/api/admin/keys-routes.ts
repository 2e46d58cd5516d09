/**
 * The admin API for issued keys: `POST /admin/api/keys` (create: the key is in this response
 * only), `GET /admin/api/keys` (list, with each key's last-used day), `GET`, `POST` (edit) and
 * `DELETE` (revoke) `/admin/api/keys/{id}`. Admin-authenticated by the router (`admin: true`).
 */
import type { ApiRequest } from "../route";
import { createKey, editKey, getKey, listKeys, revokeKey } from "../../keys/key-service";
import { parseKeyEdit, parseNewKey } from "../../keys/parse-key-input";
import { readJsonObject } from "../../http/read-json";
import type { AppContext } from "../context";
import type { Route } from "../route";
import { keyIdOf, keyServiceDeps } from "./keys-deps";

async function handleCreate(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = keyServiceDeps(ctx);
  const created = await createKey(deps, parseNewKey(body, Math.floor(deps.now() / 1000)));
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
}

async function handleList(_request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json({ object: "list", data: await listKeys(keyServiceDeps(ctx)) });
}

async function handleGet(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json(await getKey(keyServiceDeps(ctx), keyIdOf(request)));
}

async function handleEdit(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const id = keyIdOf(request);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = keyServiceDeps(ctx);
  const nowSeconds = Math.floor(deps.now() / 1000);
  return Response.json(await editKey(deps, id, (current) => parseKeyEdit(body, current.policy, nowSeconds)));
}

async function handleRevoke(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json(await revokeKey(keyServiceDeps(ctx), keyIdOf(request)));
}

export const KEYS_ADMIN_ROUTES: readonly Route[] = [
  { method: "POST", path: "/admin/api/keys", handler: handleCreate, admin: true },
  { method: "GET", path: "/admin/api/keys", handler: handleList, admin: true },
  { method: "GET", path: "/admin/api/keys/:id", handler: handleGet, admin: true },
  { method: "POST", path: "/admin/api/keys/:id", handler: handleEdit, admin: true },
  { method: "DELETE", path: "/admin/api/keys/:id", handler: handleRevoke, admin: true },
];
