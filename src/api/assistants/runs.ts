/**
 * `/v1/threads/{thread_id}/runs` and `/v1/threads/runs`: create (plain or streamed),
 * create-thread-and-run, list, retrieve, modify, cancel, submit tool outputs, and run steps.
 * Each handler parses the request, calls the run service (`assistants/run-service.ts`),
 * and renders its reply: a plain create answers at once with the `queued` run, a streamed
 * one with the `thread.*` events.
 */
import type { ApiRequest } from "../route";
import { providerFor } from "../../ai/providers/provider-for";
import { meterChat } from "../../keys/usage-meter";
import { resolveModel } from "../../ai/registry/resolve-model";
import { notFound } from "../../assistants/not-found";
import * as runService from "../../assistants/run-service";
import { readJsonObject } from "../../http/read-json";
import { SSE_HEADERS } from "../../http/sse";
import { asObject, optionalBoolean, optionalMetadata, requiredString } from "../../http/validate";
import { type AppContext, allowedModels } from "../context";
import { readPageQuery } from "./pagination";
import { paginate } from "../../wire/pagination";
import { pathId } from "./parse";
import { parseRun, parseToolOutputs } from "./parse-run";
import { storesOf, threadDepsOf } from "./stores";
import { readResultContentInclude } from "./parse-include";
import { parseToolResources } from "./parse-tools";
import { resolveToolResources } from "../../assistants/tool-resources";
import { viewStepResults } from "../../assistants/step-include";
import type { RunObject } from "../../wire/assistants";
import { UNSUPPORTED_TOOLS_HEADER } from "../responses";
import { vectorStoreDepsOf } from "../vector-stores/deps";
import { parseThreadBody } from "./threads";

export async function createRun(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = runDeps(ctx, request);
  const assistant = await runService.requireAssistant(deps.stores, requiredString(body, "assistant_id"));
  const stream = optionalBoolean(body, "stream") ?? false;
  const { run, messages, reasoningEffort } = parseRun(body, assistant, threadId, ctx.config, allowedModels(ctx));
  return render(await runService.createRun(deps, run, messages, { stream, reasoningEffort }, assistant.tool_resources), run);
}

export async function createThreadAndRun(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = runDeps(ctx, request);
  const assistant = await runService.requireAssistant(deps.stores, requiredString(body, "assistant_id"));
  const stream = optionalBoolean(body, "stream") ?? false;
  const threadBody = body.thread === undefined || body.thread === null ? {} : asObject(body.thread, "thread");
  const { thread, messages, resources } = parseThreadBody(threadBody, "thread.");
  const { run, reasoningEffort } = parseRun(
    { ...body, additional_messages: undefined },
    assistant,
    thread.id,
    ctx.config,
    allowedModels(ctx),
  );
  // The run's own `tool_resources` replace the assistant's, as on OpenAI.
  const runResources = parseToolResources(body.tool_resources);
  const searchDeps = vectorStoreDepsOf(ctx);
  if (resources) thread.tool_resources = await resolveToolResources(searchDeps, resources, "thread.tool_resources");
  const assistantResources = runResources ? await resolveToolResources(searchDeps, runResources) : assistant.tool_resources;
  return render(await runService.createThreadAndRun(deps, thread, messages, run, { stream, reasoningEffort }, assistantResources), run);
}

export async function listRuns(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const query = readPageQuery(request);
  return Response.json(paginate(await runService.listRuns(storesOf(ctx), threadId), query));
}

export async function retrieveRun(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json((await loadRun(request, ctx)).run);
}

export async function modifyRun(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  if (!metadata) return Response.json(record.run);
  return Response.json(await runService.modifyRun(storesOf(ctx), record, metadata));
}

export async function cancelRun(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  return Response.json(await runService.cancelRun(threadDepsOf(ctx), record));
}

export async function submitToolOutputs(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRun(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const stream = optionalBoolean(body, "stream") ?? false;
  const outputs = parseToolOutputs(body, runService.awaitedToolCallIds(record.run));
  return render(await runService.submitToolOutputs(runDeps(ctx, request), record, outputs, stream), record.run);
}

export async function listRunSteps(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const include = readResultContentInclude(request);
  const record = await loadRun(request, ctx);
  return Response.json(
    paginate(
      record.steps.map((s) => viewStepResults(s, include)),
      readPageQuery(request),
    ),
  );
}

export async function retrieveRunStep(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const include = readResultContentInclude(request);
  const record = await loadRun(request, ctx);
  const stepId = pathId(request, "step_id", "step_", "run step");
  const step = record.steps.find((s) => s.id === stepId);
  if (!step) throw notFound("run step", stepId);
  return Response.json(viewStepResults(step, include));
}

function loadRun(request: ApiRequest, ctx: AppContext) {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const runId = pathId(request, "run_id", "run_", "run");
  return runService.loadRun(storesOf(ctx), threadId, runId);
}

/** The run service's inputs for this request (whose `include[]` says how step events show results). */
function runDeps(ctx: AppContext, request: ApiRequest): runService.RunDeps {
  return {
    ...threadDepsOf(ctx),
    search: vectorStoreDepsOf(ctx),
    includeResultContent: readResultContentInclude(request),
    config: ctx.config,
    chatBackend: (model) => meterChat(providerFor(resolveModel(model, "chat", ctx.config), ctx.env, ctx.config), ctx.usage, model),
    waitUntil: (work) => ctx.exec.waitUntil(work),
  };
}

/** The reply, with the header naming the run's tools not offered to the model (code_interpreter), if any. */
function render(reply: runService.RunReply, run: RunObject): Response {
  const notOffered = [...new Set(run.tools.filter((t) => t.type === "code_interpreter").map((t) => t.type))];
  const headers: Record<string, string> = notOffered.length > 0 ? { [UNSUPPORTED_TOOLS_HEADER]: notOffered.join(", ") } : {};
  return reply.events ? new Response(reply.events, { headers: { ...SSE_HEADERS, ...headers } }) : Response.json(reply.run, { headers });
}
