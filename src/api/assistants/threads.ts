/** `/v1/threads`: create (optionally with messages and tool_resources), retrieve, modify, delete. */
import type { ApiRequest } from "../route";
import { notFound } from "../../assistants/not-found";
import { newThread } from "../../assistants/objects";
import * as threadService from "../../assistants/thread-service";
import type { MessageObject, ThreadObject } from "../../wire/assistants";
import { invalidParam } from "../../http/errors";
import { readJsonObject } from "../../http/read-json";
import { optionalArray, optionalMetadata } from "../../http/validate";
import type { Stores } from "../../store";
import type { AppContext } from "../context";
import { parseNewMessages, pathId } from "./parse";
import { parseToolResources } from "./parse-tools";
import { type RequestedToolResources, resolveToolResources } from "../../assistants/tool-resources";
import { vectorStoreDepsOf } from "../vector-stores/deps";
import { storesOf, threadDepsOf } from "./stores";

export async function createThread(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const { thread, messages, resources } = parseThreadBody(body);
  if (resources) thread.tool_resources = await resolveToolResources(vectorStoreDepsOf(ctx), resources);
  await threadService.createThread(threadDepsOf(ctx), thread, messages);
  return Response.json(thread);
}

/**
 * A thread body (`{messages?, tool_resources?, metadata?}`), as taken by create-thread and
 * create-thread-and-run; `resources` are still to be resolved (resolveToolResources).
 */
export function parseThreadBody(
  body: Record<string, unknown>,
  param = "",
): { thread: ThreadObject; messages: MessageObject[]; resources: RequestedToolResources | null | undefined } {
  const thread = newThread(optionalMetadata(body, "metadata") ?? {});
  const raw = optionalArray(body, "messages", `${param}messages`) ?? [];
  if (raw.length > 32)
    throw invalidParam(`${param}messages`, `Invalid '${param}messages': at most 32 messages can be added when creating a thread.`);
  const messages = parseNewMessages(raw, thread.id, `${param}messages`);
  return { thread, messages, resources: parseToolResources(body.tool_resources, `${param}tool_resources`) };
}

export async function retrieveThread(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json((await loadThread(request, ctx)).thread);
}

export async function modifyThread(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const { thread, stores } = await loadThread(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  const resources = parseToolResources(body.tool_resources);
  const next = { ...thread, ...(metadata ? { metadata } : {}) };
  if (resources !== undefined) next.tool_resources = resources && (await resolveToolResources(vectorStoreDepsOf(ctx), resources));
  if (metadata || resources !== undefined) await stores.threads.put(next);
  return Response.json(next);
}

export async function deleteThread(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const { thread } = await loadThread(request, ctx);
  await threadService.deleteThread(threadDepsOf(ctx), thread.id);
  return Response.json({ id: thread.id, object: "thread.deleted", deleted: true });
}

async function loadThread(request: ApiRequest, ctx: AppContext): Promise<{ thread: ThreadObject; stores: Stores }> {
  const id = pathId(request, "thread_id", "thread_", "thread");
  const stores = storesOf(ctx);
  const thread = await stores.threads.get(id);
  if (!thread) throw notFound("thread", id);
  return { thread, stores };
}
