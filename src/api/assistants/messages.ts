/** `/v1/threads/{thread_id}/messages`: create, list, retrieve, modify, delete. */
import type { ApiRequest } from "../route";
import { notFound } from "../../assistants/not-found";
import * as threadService from "../../assistants/thread-service";
import type { MessageObject } from "../../wire/assistants";
import { readJsonObject } from "../../http/read-json";
import { optionalMetadata } from "../../http/validate";
import type { Stores } from "../../store";
import type { AppContext } from "../context";
import { readPageQuery } from "./pagination";
import { parseNewMessage, pathId } from "./parse";
import { storesOf, threadDepsOf } from "./stores";

export async function createMessage(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const message = parseNewMessage(body, threadId);
  const deps = threadDepsOf(ctx);
  await threadService.requireThread(deps.stores, threadId);
  await threadService.addMessages(deps, threadId, [message]);
  return Response.json(message);
}

export async function listMessages(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const query = readPageQuery(request);
  const runId = (request.query as Record<string, unknown>).run_id;
  const page = await threadService.listMessages(threadDepsOf(ctx), threadId, {
    ...query,
    runId: typeof runId === "string" && runId ? runId : undefined,
  });
  return Response.json(page);
}

export async function retrieveMessage(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json((await loadMessage(request, ctx)).message);
}

export async function modifyMessage(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const { message, stores } = await loadMessage(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  const next: MessageObject = metadata ? { ...message, metadata } : message;
  if (metadata) await stores.messages.put(next);
  return Response.json(next);
}

export async function deleteMessage(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const { message } = await loadMessage(request, ctx);
  await threadService.deleteMessage(threadDepsOf(ctx), message);
  return Response.json({ id: message.id, object: "thread.message.deleted", deleted: true });
}

async function loadMessage(request: ApiRequest, ctx: AppContext): Promise<{ message: MessageObject; stores: Stores }> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const messageId = pathId(request, "message_id", "msg_", "message");
  const stores = storesOf(ctx);
  const message = await stores.messages.get(threadId, messageId);
  if (!message) throw notFound("message", messageId);
  return { message, stores };
}
