/** `/v1/threads`: create (optionally with messages), retrieve, modify, delete. */
import type { IRequest } from "itty-router";
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
import { storesOf, threadDepsOf } from "./stores";

export async function createThread(request: IRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const { thread, messages } = parseThreadBody(body);
  await threadService.createThread(threadDepsOf(ctx), thread, messages);
  return Response.json(thread);
}

/** A thread body (`{messages?, metadata?}`), as taken by create-thread and create-thread-and-run. */
export function parseThreadBody(body: Record<string, unknown>, param = ""): { thread: ThreadObject; messages: MessageObject[] } {
  const thread = newThread(optionalMetadata(body, "metadata") ?? {});
  const raw = optionalArray(body, "messages", `${param}messages`) ?? [];
  if (raw.length > 32)
    throw invalidParam(`${param}messages`, `Invalid '${param}messages': at most 32 messages can be added when creating a thread.`);
  const messages = parseNewMessages(raw, thread.id, `${param}messages`);
  return { thread, messages };
}

export async function retrieveThread(request: IRequest, ctx: AppContext): Promise<Response> {
  return Response.json((await loadThread(request, ctx)).thread);
}

export async function modifyThread(request: IRequest, ctx: AppContext): Promise<Response> {
  const { thread, stores } = await loadThread(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  const next = metadata ? { ...thread, metadata } : thread;
  if (metadata) await stores.threads.put(next);
  return Response.json(next);
}

export async function deleteThread(request: IRequest, ctx: AppContext): Promise<Response> {
  const { thread } = await loadThread(request, ctx);
  await threadService.deleteThread(threadDepsOf(ctx), thread.id);
  return Response.json({ id: thread.id, object: "thread.deleted", deleted: true });
}

async function loadThread(request: IRequest, ctx: AppContext): Promise<{ thread: ThreadObject; stores: Stores }> {
  const id = pathId(request, "thread_id", "thread_", "thread");
  const stores = storesOf(ctx);
  const thread = await stores.threads.get(id);
  if (!thread) throw notFound("thread", id);
  return { thread, stores };
}
