/**
 * `/v1/responses`: create (plain, `stream: true`, or `background: true`), retrieve, delete,
 * cancel, list input items, count input tokens, compact. Thin: read the body, parse, call
 * the service, render JSON or the `response.*` SSE stream.
 */
import type { ApiRequest } from "./route";
import type { ResolvedModel } from "../ai/registry/resolve-model";
import { providerFor } from "../ai/providers/provider-for";
import { OpenAIError, toOpenAIError } from "../http/errors";
import { readJsonObject } from "../http/read-json";
import { SSE_HEADERS } from "../http/sse";
import { createSseChannel } from "../http/sse-channel";
import { optionalString } from "../http/validate";
import { DEFAULT_PROJECT } from "../keys/principal";
import { sealItems } from "../responses/compaction";
import { parseTurnInput } from "../responses/parse-input";
import { parseConversationParam, parseResponseRequest } from "../responses/parse-request";
import { responseUsage } from "../responses/response-object";
import { type ResponseDeps, buildPrompt, cancelResponse, createResponse, responseNotFound } from "../responses/service";
import { clock, nowSeconds } from "../util/clock";
import { estimatePromptTokens } from "../util/estimate-tokens";
import type { ResponseStreamEvent } from "../wire/responses";
import { readPageQuery } from "./assistants/pagination";
import { paginate } from "../wire/pagination";
import { threadDepsOf } from "./assistants/stores";
import { type AppContext, allowedModels } from "./context";
import { meterChat } from "../keys/usage-meter";
import { decodePathSegment } from "../http/path-segment";
import { vectorStoreDepsOf } from "./vector-stores/deps";

/** The header naming hosted tools that were accepted but not offered to the model. */
export const UNSUPPORTED_TOOLS_HEADER = "x-ai-forwarder-unsupported-tools";

/**
 * What the service needs for one request (or one WebSocket turn); `model` (when a request
 * names one) picks the chat provider, asked for only when generating.
 */
export function depsOf(ctx: AppContext, model?: ResolvedModel<"chat">): ResponseDeps {
  return {
    ...threadDepsOf(ctx),
    get backend() {
      if (!model) throw new Error("no model: this operation does not generate");
      return meterChat(providerFor(model, ctx.env, ctx.config), ctx.usage, model.requested);
    },
    now: nowSeconds,
    newId: (prefix) => clock().sortableId(prefix),
    compactionSecret: compactionSecretFor(ctx.config.compactionSecret, ctx.principal.project),
    // Built on first use: only file_search needs the embedding model resolved.
    get search() {
      return vectorStoreDepsOf(ctx);
    },
  };
}

/**
 * The secret compaction items are sealed with, per project: another project's key cannot open
 * them (400 invalid_encrypted_content, as for a forged item). The default project keeps the
 * plain secret, so compactions made before projects existed still open.
 */
export function compactionSecretFor(secret: string, project: string): string {
  return project === DEFAULT_PROJECT ? secret : `${secret}\u0000project:${project}`;
}

export async function handleCreateResponse(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const ids = depsOf(ctx).newId;
  const parsed = parseResponseRequest(body, ctx.config, ids, allowedModels(ctx));
  const started = await createResponse(parsed, depsOf(ctx, parsed.model));
  const headers: Record<string, string> = { "openai-model": parsed.model.requested, "x-workers-ai-model": parsed.model.model };
  if (parsed.tools.hosted.length > 0) headers[UNSUPPORTED_TOOLS_HEADER] = parsed.tools.hosted.join(", ");

  if (parsed.stream) {
    const channel = createSseChannel<ResponseStreamEvent>((e) => ({ event: e.type, data: JSON.stringify(e) }));
    const work = started
      .run(channel.emit)
      .catch((err) => console.error("streamed response failed", toOpenAIError(err).message))
      .finally(() => channel.close());
    ctx.exec.waitUntil(work);
    return new Response(channel.body, { headers: { ...SSE_HEADERS, ...headers } });
  }
  if (parsed.background) {
    ctx.exec.waitUntil(started.run(() => {}).catch((err) => console.error("background response failed", toOpenAIError(err).message)));
    return Response.json(started.initial, { headers });
  }
  return Response.json(await started.run(() => {}), { headers });
}

export async function handleGetResponse(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const id = responseId(request);
  const record = await depsOf(ctx).stores.responses.get(id);
  if (!record) throw responseNotFound(id);
  return Response.json(record.response);
}

export async function handleDeleteResponse(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const id = responseId(request);
  const { stores } = depsOf(ctx);
  if (!(await stores.responses.get(id))) throw responseNotFound(id);
  await stores.responses.delete(id);
  return Response.json({ id, object: "response", deleted: true });
}

export async function handleCancelResponse(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json(await cancelResponse(responseId(request), depsOf(ctx)));
}

export async function handleListInputItems(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const id = responseId(request);
  const query = readPageQuery(request);
  const record = await depsOf(ctx).stores.responses.get(id);
  if (!record) throw responseNotFound(id);
  const page = paginate(record.input, query);
  return Response.json({ ...page, first_id: page.first_id ?? "", last_id: page.last_id ?? "" });
}

/** `POST /v1/responses/input_tokens`: the estimated size of the prompt a create would send. */
export async function handleInputTokens(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = depsOf(ctx);
  const { messages } = await buildPrompt(promptFields(body, deps.newId), deps);
  return Response.json({ object: "response.input_tokens", input_tokens: estimatePromptTokens(messages) });
}

/**
 * `POST /v1/responses/compact`: seals the whole context (the previous response's, plus this
 * input) into one compaction item. Passing that item back as input restores the context.
 */
export async function handleCompact(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const deps = depsOf(ctx);
  if (typeof body.model !== "string")
    throw new OpenAIError(400, "Missing required parameter: 'model'.", { param: "model", code: "missing_required_parameter" });
  const fields = promptFields(body, deps.newId);
  const { context, input, messages } = await buildPrompt(fields, deps);
  const items = [...context.items, ...input];
  const item = { type: "compaction" as const, id: deps.newId("cmp_"), encrypted_content: await sealItems(items, deps.compactionSecret) };
  const tokens = estimatePromptTokens(messages);
  return Response.json({
    id: deps.newId("resp_"),
    object: "response.compaction",
    output: [item],
    created_at: deps.now(),
    usage: responseUsage({ prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens }),
  });
}

function promptFields(body: Record<string, unknown>, newId: ResponseDeps["newId"]) {
  const previousResponseId = optionalString(body, "previous_response_id") ?? null;
  const conversationId = parseConversationParam(body.conversation);
  return {
    input: parseTurnInput(body.input, newId),
    instructions: optionalString(body, "instructions") ?? null,
    previousResponseId,
    conversationId,
  };
}

function responseId(request: ApiRequest): string {
  const id = decodePathSegment(request.params.response_id ?? "") ?? request.params.response_id ?? "";
  if (!/^resp_[A-Za-z0-9_-]{1,128}$/.test(id)) throw responseNotFound(id);
  return id;
}
