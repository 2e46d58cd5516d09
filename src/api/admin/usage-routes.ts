/**
 * The admin API for usage: `GET /admin/api/usage?days=N` (every key) and
 * `GET /admin/api/keys/{id}/usage?days=N` (one key): requests and tokens per key per UTC day
 * per model, read from each key's Durable Object (one DO request per key).
 */
import type { ApiRequest } from "../route";
import { MAX_USAGE_DAYS, keyUsage } from "../../keys/key-service";
import { invalidParam } from "../../http/errors";
import type { AppContext } from "../context";
import type { Route } from "../route";
import { keyIdOf, keyServiceDeps } from "./keys-deps";

const DEFAULT_DAYS = 30;

function daysOf(request: ApiRequest): number {
  const raw = new URL(request.url).searchParams.get("days");
  if (raw === null || raw === "") return DEFAULT_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_USAGE_DAYS) {
    throw invalidParam("days", `Invalid 'days': expected an integer from 1 to ${MAX_USAGE_DAYS}, but got '${raw}'.`);
  }
  return days;
}

async function handleUsage(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json({ object: "list", data: await keyUsage(keyServiceDeps(ctx), daysOf(request)) });
}

async function handleKeyUsage(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json({ object: "list", data: await keyUsage(keyServiceDeps(ctx), daysOf(request), keyIdOf(request)) });
}

export const USAGE_ADMIN_ROUTES: readonly Route[] = [
  { method: "GET", path: "/admin/api/usage", handler: handleUsage, admin: true },
  { method: "GET", path: "/admin/api/keys/:id/usage", handler: handleKeyUsage, admin: true },
];
