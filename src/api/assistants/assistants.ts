/** `/v1/assistants`: create, list, retrieve, modify, delete. */
import type { ApiRequest } from "../route";
import { notFound } from "../../assistants/not-found";
import type { AssistantObject } from "../../wire/assistants";
import { resolveModel } from "../../ai/registry/resolve-model";
import { readJsonObject } from "../../http/read-json";
import { optionalMetadata, optionalString, requiredString } from "../../http/validate";
import { SAMPLING_PARAMS, readSamplingParam } from "../../chat/sampling-params";
import { clock, nowSeconds } from "../../util/clock";
import { type AppContext, allowedModels } from "../context";
import { readPageQuery } from "./pagination";
import { paginate } from "../../wire/pagination";
import { parseAssistantResponseFormat, pathId } from "./parse";
import { parseAssistantTools, parseToolResources } from "./parse-tools";
import { resolveToolResources } from "../../assistants/tool-resources";
import { vectorStoreDepsOf } from "../vector-stores/deps";
import { storesOf } from "./stores";

export async function createAssistant(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const model = requiredString(body, "model");
  resolveModel(model, "chat", ctx.config, allowedModels(ctx));
  const tools = parseAssistantTools(body.tools) ?? [];
  const resources = parseToolResources(body.tool_resources);
  const assistant: AssistantObject = {
    id: clock().sortableId("asst_"),
    object: "assistant",
    created_at: nowSeconds(),
    name: optionalString(body, "name") ?? null,
    description: optionalString(body, "description") ?? null,
    model,
    instructions: optionalString(body, "instructions") ?? null,
    tools,
    tool_resources: null,
    metadata: optionalMetadata(body) ?? {},
    temperature: readSamplingParam(body, SAMPLING_PARAMS.temperature) ?? null,
    top_p: readSamplingParam(body, SAMPLING_PARAMS.topP) ?? null,
    response_format: parseAssistantResponseFormat(body.response_format) ?? "auto",
  };
  // Last: the `vector_stores` helper writes, so every other field must be valid first.
  if (resources) assistant.tool_resources = await resolveToolResources(vectorStoreDepsOf(ctx), resources);
  await storesOf(ctx).assistants.put(assistant);
  return Response.json(assistant);
}

export async function listAssistants(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const query = readPageQuery(request);
  return Response.json(paginate(await storesOf(ctx).assistants.list(), query));
}

export async function retrieveAssistant(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json(await loadAssistant(request, ctx));
}

export async function modifyAssistant(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const current = await loadAssistant(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const next: AssistantObject = { ...current };
  if (body.model !== undefined && body.model !== null) {
    next.model = requiredString(body, "model");
    resolveModel(next.model, "chat", ctx.config, allowedModels(ctx));
  }
  if ("name" in body) next.name = optionalString(body, "name") ?? null;
  if ("description" in body) next.description = optionalString(body, "description") ?? null;
  if ("instructions" in body) next.instructions = optionalString(body, "instructions") ?? null;
  if (body.tools !== undefined && body.tools !== null) next.tools = parseAssistantTools(body.tools) ?? [];
  const resources = parseToolResources(body.tool_resources);
  if (body.metadata !== undefined && body.metadata !== null) next.metadata = optionalMetadata(body) ?? {};
  if ("temperature" in body) next.temperature = readSamplingParam(body, SAMPLING_PARAMS.temperature) ?? null;
  if ("top_p" in body) next.top_p = readSamplingParam(body, SAMPLING_PARAMS.topP) ?? null;
  if ("response_format" in body) next.response_format = parseAssistantResponseFormat(body.response_format) ?? "auto";
  if (resources !== undefined) next.tool_resources = resources && (await resolveToolResources(vectorStoreDepsOf(ctx), resources));
  await storesOf(ctx).assistants.put(next);
  return Response.json(next);
}

export async function deleteAssistant(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const assistant = await loadAssistant(request, ctx);
  await storesOf(ctx).assistants.delete(assistant.id);
  return Response.json({ id: assistant.id, object: "assistant.deleted", deleted: true });
}

async function loadAssistant(request: ApiRequest, ctx: AppContext): Promise<AssistantObject> {
  const id = pathId(request, "assistant_id", "asst_", "assistant");
  const assistant = await storesOf(ctx).assistants.get(id);
  if (!assistant) throw notFound("assistant", id);
  return assistant;
}
