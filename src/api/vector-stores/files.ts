/**
 * `/v1/vector_stores/{id}/files`: attach a file (indexed before the response when it is a small
 * text file, else in `waitUntil`; see vector-stores/attach.ts), list (with `filter` by status),
 * retrieve, update `attributes`, detach, and `…/content` (the text the file was indexed by).
 */
import type { ApiRequest } from "../route";
import { invalidParam } from "../../http/errors";
import { readJsonObject } from "../../http/read-json";
import type { VectorStoreFileRecord } from "../../store/vector-store-files-repo";
import { parseAttributes } from "../../vector-stores/attributes";
import { attachFiles, detachFile } from "../../vector-stores/attach";
import { notFound } from "../../vector-stores/not-found";
import { parseAttachInput } from "../../vector-stores/parse-requests";
import type { FileStatus, VectorStoreFileObject } from "../../wire/files";
import { paginate } from "../../wire/pagination";
import { readPageQuery } from "../assistants/pagination";
import type { AppContext } from "../context";
import { pathId } from "../files/path-id";
import { vectorStoreDepsOf } from "./deps";
import { loadVectorStore } from "./stores";

const STATUSES: readonly FileStatus[] = ["in_progress", "completed", "failed", "cancelled"];

export async function attachFile(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const store = await loadVectorStore(request, ctx);
  const input = parseAttachInput(await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes), false);
  const [file] = await attachFiles(
    vectorStoreDepsOf(ctx),
    store.id,
    input.fileIds,
    { chunking: input.chunking, attributes: input.attributes, batchId: null },
    "file_id",
  );
  return Response.json(file);
}

export async function listVectorStoreFiles(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const store = await loadVectorStore(request, ctx);
  return Response.json(await filePage(request, ctx, store.id, () => true));
}

/** A page of a store's files passing `keep` and the `filter` status query. */
export async function filePage(request: ApiRequest, ctx: AppContext, vectorStoreId: string, keep: (r: VectorStoreFileRecord) => boolean) {
  const query = readPageQuery(request);
  const filter = typeof request.query.filter === "string" ? request.query.filter : undefined;
  if (filter !== undefined && !STATUSES.includes(filter as FileStatus)) {
    throw invalidParam("filter", `Invalid 'filter': '${filter}'. Expected one of ${STATUSES.map((s) => `'${s}'`).join(", ")}.`);
  }
  const records = await vectorStoreDepsOf(ctx).stores.vectorStoreFiles.list(vectorStoreId);
  const files: VectorStoreFileObject[] = records.filter((r) => keep(r) && (!filter || r.file.status === filter)).map((r) => r.file);
  return paginate(files, query);
}

export async function retrieveVectorStoreFile(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json((await loadRecord(request, ctx)).file);
}

export async function updateVectorStoreFile(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRecord(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  if (!("attributes" in body)) throw invalidParam("attributes", "Missing required parameter: 'attributes'.", "missing_required_parameter");
  const next = { ...record, file: { ...record.file, attributes: parseAttributes(body.attributes) } };
  await vectorStoreDepsOf(ctx).stores.vectorStoreFiles.put(next);
  return Response.json(next.file);
}

export async function deleteVectorStoreFile(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRecord(request, ctx);
  await detachFile(vectorStoreDepsOf(ctx), record);
  return Response.json({ id: record.file.id, object: "vector_store.file.deleted", deleted: true });
}

export async function vectorStoreFileContent(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadRecord(request, ctx);
  const pack = await vectorStoreDepsOf(ctx).stores.vectorStoreFiles.getChunks(record.file.vector_store_id, record.file.id);
  const data = pack && record.file.status === "completed" ? [{ type: "text", text: pack.text }] : [];
  return Response.json({ object: "vector_store.file_content.page", data, has_more: false, next_page: null });
}

async function loadRecord(request: ApiRequest, ctx: AppContext): Promise<VectorStoreFileRecord> {
  const vs = pathId(request, "vector_store_id", "vs_", "vector store");
  const fileId = pathId(request, "file_id", "file-", "vector store file");
  const record = await vectorStoreDepsOf(ctx).stores.vectorStoreFiles.get(vs, fileId);
  if (!record) {
    if (!(await vectorStoreDepsOf(ctx).stores.vectorStores.get(vs))) throw notFound("vector store", vs);
    throw notFound("vector store file", fileId);
  }
  return record;
}
