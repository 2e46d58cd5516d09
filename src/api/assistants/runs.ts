/**
 * `/v1/threads/{thread_id}/runs` and `/v1/threads/runs`: create (plain or streamed),
 * create-thread-and-run, list, retrieve, modify, cancel, submit tool outputs, and run steps.
 * Each handler parses the request, calls the run service (`assistants/run-service.ts`),
 * and renders its reply: a plain create answers at once with the `queued` run, a streamed
 * one with the `thread.*` events.
 */
import type { IRequest } from "itty-router";
import { providerFor } from "../../ai/providers/provider-for";
import { resolveModel } from "../../ai/registry/resolve-model";
import { notFound } from "../../assistants/not-found";
import * as runService from "../../assistants/run-service";
import { readJsonObject } from "../../http/read-json";
import { SSE_HEADERS } from "../../http/sse";
import { asObject, optionalBoolean, optionalMetadata, requiredString } from "../../http/validate";
import type { AppContext } from "../context";
import { readPageQuery } from "./pagination";
import { paginate } from "../../wire/pagination";
import { pathId } from "./parse";
import { parseRun, parseToolOutputs } from "./parse-run";
import { storesOf, threadDepsOf } from "./stores";
import { parseThreadBody } from "./threads";

export async function createRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = runDeps(ctx);
  const assistant = await runService.requireAssistant(deps.stores, requiredString(body, "assistant_id"));
  const stream = optionalBoolean(body, "stream") ?? false;
  const { run, messages, reasoningEffort } = parseRun(body, assistant, threadId, ctx.config);
  return render(await runService.createRun(deps, run, messages, { stream, reasoningEffort }));
}

export async function createThreadAndRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = runDeps(ctx);
  const assistant = await runService.requireAssistant(deps.stores, requiredString(body, "assistant_id"));
  const stream = optionalBoolean(body, "stream") ?? false;
  const threadBody = body.thread === undefined || body.thread === null ? {} : asObject(body.thread, "thread");
  const { thread, messages } = parseThreadBody(threadBody, "thread.");
  const { run, reasoningEffort } = parseRun({ ...body, additional_messages: undefined }, assistant, thread.id, ctx.config);
  return render(await runService.createThreadAndRun(deps, thread, messages, run, { stream, reasoningEffort }));
}

export async function listRuns(request: IRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const query = readPageQuery(request);
  return Response.json(paginate(await runService.listRuns(storesOf(ctx), threadId), query));
}

export async function retrieveRun(request: IRequest, ctx: AppContext): Promise<Response> {
  return Response.json((await loadRun(request, ctx)).run);
}

export async function modifyRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  if (!metadata) return Response.json(record.run);
  return Response.json(await runService.modifyRun(storesOf(ctx), record, metadata));
}

export async function cancelRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  return Response.json(await runService.cancelRun(threadDepsOf(ctx), record));
}

export async function submitToolOutputs(request: IRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const stream = optionalBoolean(body, "stream") ?? false;
  const outputs = parseToolOutputs(body, runService.awaitedToolCallIds(record.run));
  return render(await runService.submitToolOutputs(runDeps(ctx), record, outputs, stream));
}

export async function listRunSteps(request: IRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  return Response.json(paginate(record.steps, readPageQuery(request)));
}

export async function retrieveRunStep(request: IRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  const stepId = pathId(request, "step_id", "step_", "run step");
  const step = record.steps.find((s) => s.id === stepId);
  if (!step) throw notFound("run step", stepId);
  return Response.json(step);
}

function loadRun(request: IRequest, ctx: AppContext) {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const runId = pathId(request, "run_id", "run_", "run");
  return runService.loadRun(storesOf(ctx), threadId, runId);
}

/** The run service's inputs for this request. */
function runDeps(ctx: AppContext): runService.RunDeps {
  return {
    ...threadDepsOf(ctx),
    config: ctx.config,
    chatBackend: (model) => providerFor(resolveModel(model, "chat", ctx.config), ctx.env, ctx.config),
    waitUntil: (work) => ctx.exec.waitUntil(work),
  };
}

function render(reply: runService.RunReply): Response {
  return reply.events ? new Response(reply.events, { headers: SSE_HEADERS }) : Response.json(reply.run);
}
